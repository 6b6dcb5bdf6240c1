//! The per-node search index: a tantivy index of [`IndexDoc`]s, rebuilt from the database at will.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::ann::Ann;
use crate::ann_file::{Agreement, Saved};
use crate::doc::IndexDoc;
use crate::int8::Int8;
use crate::semantic::profile_vector;
use crate::tokenizer::{ANALYZER, HalqeTokenizer};

/// A search failure.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("index directory: {0}")]
    Directory(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("stored document: {0}")]
    Source(#[from] serde_json::Error),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// Handles of the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub visibility: Field,
    pub owner: Field,
    pub field: Field,
    pub province: Field,
    pub org_kind: Field,
    pub availability: Field,
    pub verified: Field,
    pub track: Field,
    pub name: Field,
    pub skills: Field,
    pub bio: Field,
    pub publications: Field,
    pub past_projects: Field,
    pub capabilities: Field,
    pub source: Field,
    /// The document's embedding as little-endian `f32`s (absent without an embedder).
    pub vector: Field,
    /// One value per publication, in order: its embedding, empty bytes where it has none.
    pub publication_vectors: Field,
    /// The profile vector (`semantic::profile_vector`, quantized) in a fast field: what a start reads to
    /// build the nearest-neighbour index, 388 bytes per document instead of its whole stored source.
    pub profile: Field,
}

/// The text fields searched, with the weight each carries in relevance.
pub fn weighted_text_fields(f: &Fields) -> [(Field, f32, &'static str); 6] {
    [
        (f.name, 3.0, "name"),
        (f.skills, 2.0, "skills"),
        (f.capabilities, 1.5, "capabilities"),
        (f.publications, 1.0, "publications"),
        (f.past_projects, 1.0, "past_projects"),
        (f.bio, 1.0, "bio"),
    ]
}

/// The fast field of profile vectors.
const PROFILE_FIELD: &str = "profile_i8";
/// The fast field of ids.
const ID_FIELD: &str = "id";
/// The nearest-neighbour index's file in the index directory (`ann_file`); tantivy leaves files it did
/// not write alone.
pub const ANN_FILE: &str = "nearest-neighbours";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let keyword = STRING | FAST;
    let fields = Fields {
        // Fast too, so a start reads each document's id beside its profile vector without its stored source.
        id: b.add_text_field("id", STRING | STORED | FAST),
        kind: b.add_text_field("kind", keyword.clone()),
        visibility: b.add_text_field("visibility", STRING),
        owner: b.add_text_field("owner", STRING),
        field: b.add_text_field("field", keyword.clone()),
        province: b.add_text_field("province", keyword.clone()),
        org_kind: b.add_text_field("org_kind", keyword.clone()),
        availability: b.add_text_field("availability", keyword),
        verified: b.add_u64_field("verified", INDEXED | FAST),
        track: b.add_u64_field("track", FAST),
        name: b.add_text_field("name", text.clone()),
        skills: b.add_text_field("skills", text.clone()),
        bio: b.add_text_field("bio", text.clone()),
        publications: b.add_text_field("publications", text.clone()),
        past_projects: b.add_text_field("past_projects", text.clone()),
        capabilities: b.add_text_field("capabilities", text),
        source: b.add_text_field("source", STORED),
        // Quantized (`Int8`): a quarter of the bytes of `f32`s on disk and in each read of a candidate; the
        // field names carry the format, so an index with `f32` vectors is rebuilt (a schema change).
        vector: b.add_bytes_field("vector_i8", STORED),
        publication_vectors: b.add_bytes_field("publication_vectors_i8", STORED),
        profile: b.add_bytes_field(PROFILE_FIELD, FAST),
    };
    (b.build(), fields)
}

/// One node's index with its reader and a single writer, and the nearest-neighbour index of its
/// documents' profile vectors, changed in step with it at each commit.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    writer: std::sync::Mutex<IndexWriter>,
    pub(crate) fields: Fields,
    pub(crate) idf: crate::matching::IdfCache,
    pub(crate) ann: std::sync::RwLock<Ann>,
    /// Changes to the nearest-neighbour index waiting for the next commit.
    pending: std::sync::Mutex<Pending>,
    /// Where the nearest-neighbour index's trained state is saved (none in memory), and one writer at a time.
    ann_file: Option<PathBuf>,
    saving: std::sync::Mutex<()>,
    /// How the nearest-neighbour index was built when the index was opened.
    ann_load: AnnLoad,
}

/// How a start built the nearest-neighbour index: its vectors, how many were placed in a list saved beside
/// the index, and whether it trained (no usable file, or the index grew fourfold since it was saved).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct AnnLoad {
    pub vectors: usize,
    pub restored: usize,
    pub trained: bool,
}

/// Nearest-neighbour changes since the last commit.
#[derive(Debug, Default)]
struct Pending {
    /// While the text index is filled from empty (new, or after [`SearchIndex::clear`]): the whole
    /// nearest-neighbour index to put in place at the commit, built as documents come instead of queued.
    fresh: Option<Ann>,
    /// Otherwise a profile vector to put (or `None`: remove) per id.
    changes: Vec<(String, Option<Int8>)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.num_docs()).finish()
    }
}

/// Memory each indexing thread may use before it flushes a segment: what bounds a node's memory while
/// it rebuilds its index (docs/benchmarks.md).
const WRITER_BUDGET: usize = 128 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, creating it if missing. An index built with another schema (an older
    /// Halqe) is derived data: it is emptied and starts again from feed position 0, so the node's catch-up
    /// rebuilds it from the database.
    pub fn open(dir: &Path) -> Result<Self> {
        let (schema, _) = schema();
        let io = |e: std::io::Error| tantivy::TantivyError::IoError(e.into());
        std::fs::create_dir_all(dir).map_err(io)?;
        let open = || Index::open_or_create(tantivy::directory::MmapDirectory::open(dir)?, schema.clone());
        let index = match open() {
            Err(tantivy::TantivyError::SchemaError(why)) => {
                tracing::warn!(dir = %dir.display(), %why, "search index schema changed; rebuilding the index");
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                open()?
            }
            other => other?,
        };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(4);
        let mut opened = Self::wrap(index, threads)?;
        opened.ann_file = Some(dir.join(ANN_FILE));
        opened.ann_load = opened.load_ann()?;
        Ok(opened)
    }

    /// Builds the nearest-neighbour index from the profile vectors' fast field, in the lists saved beside
    /// the index when that file agrees with the vectors (`ann_file`), else training again and saving.
    fn load_ann(&self) -> Result<AnnLoad> {
        let searcher = self.reader.searcher();
        let saved = match self.ann_file.as_deref().map(Saved::read).transpose() {
            Ok(saved) => saved.flatten(),
            Err(why) => {
                tracing::warn!(%why, "the nearest-neighbour file cannot be used; training again");
                None
            }
        };
        let trusted = match saved {
            Some(saved) => {
                let mut agreement = Agreement::new(&saved, usize::try_from(searcher.num_docs()).unwrap_or(0));
                self.each_profile(&searcher, |_, codes| agreement.see(codes))?;
                match agreement.verdict() {
                    Ok(()) => Some(saved),
                    Err(why) => {
                        tracing::warn!(%why, "the nearest-neighbour file does not fit the index; training again");
                        None
                    }
                }
            }
            None => None,
        };
        let mut ann = trusted.as_ref().map_or_else(Ann::default, Ann::restoring);
        let mut restored = 0usize;
        self.each_profile(&searcher, |id, codes| {
            restored += usize::from(ann.insert_saved(id.clone(), codes, trusted.as_ref()));
        })?;
        let trained = ann.maybe_train();
        let load = AnnLoad { vectors: ann.len(), restored, trained };
        tracing::info!(?load, "nearest-neighbour index loaded");
        let save = self.to_save(&mut ann, trusted.is_none(), trained);
        *self.ann.write().unwrap_or_else(std::sync::PoisonError::into_inner) = ann;
        self.persist(save);
        Ok(load)
    }

    /// How the nearest-neighbour index was built when this index was opened.
    pub fn ann_load(&self) -> AnnLoad {
        self.ann_load
    }

    /// Calls `f` with the id and profile vector codes of every live document that has one, reading only
    /// the fast fields: per segment, its ids by ordinal, then its vectors in the dictionary's order.
    fn each_profile(&self, searcher: &Searcher, mut f: impl FnMut(&Arc<str>, &[i8])) -> Result<()> {
        let io = |e: std::io::Error| SearchError::Tantivy(e.into());
        let mut codes = Vec::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(vectors), Some(ids)) = (fast.bytes(PROFILE_FIELD)?, fast.str(ID_FIELD)?) else { continue };
            let mut names: Vec<Arc<str>> = Vec::with_capacity(ids.dictionary().num_terms());
            let mut stream = ids.dictionary().stream().map_err(io)?;
            while stream.advance() {
                names.push(Arc::from(String::from_utf8_lossy(stream.key()).as_ref()));
            }
            let mut docs: Vec<(u64, u32)> =
                segment.doc_ids_alive().filter_map(|doc| vectors.term_ords(doc).next().map(|v| (v, doc))).collect();
            docs.sort_unstable();
            let mut docs = docs.into_iter().peekable();
            let mut stream = vectors.dictionary().stream().map_err(io)?;
            while docs.peek().is_some() && stream.advance() {
                let ord = stream.term_ord();
                codes.clear();
                codes.extend(stream.key().iter().skip(4).map(|b| i8::from_le_bytes([*b])));
                while let Some((_, doc)) = docs.next_if(|(v, _)| *v == ord) {
                    let id = ids.term_ords(doc).next().and_then(|i| names.get(usize::try_from(i).ok()?));
                    if let Some(id) = id {
                        f(id, &codes);
                    }
                }
            }
        }
        Ok(())
    }

    /// What to write beside the index after its nearest-neighbour index changed (`Some(None)`: remove the
    /// file): its state when it was replaced or trained, or once an eighth of its vectors were placed
    /// since the last save (each one a start would place again).
    fn to_save(&self, ann: &mut Ann, replaced: bool, trained: bool) -> Option<Option<Saved>> {
        let due = replaced || trained || ann.unsaved() > ann.len() / 8;
        (self.ann_file.is_some() && due).then(|| ann.saved())
    }

    /// Writes (or removes) the nearest-neighbour file; a failure is logged, not returned: the file is
    /// derived, and the next start trains again without it.
    fn persist(&self, save: Option<Option<Saved>>) {
        let (Some(path), Some(saved)) = (&self.ann_file, save) else { return };
        let _one = self.saving.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let done = match saved {
            Some(saved) => saved.write(path),
            None => Saved::remove(path),
        };
        if let Err(error) = done {
            tracing::warn!(%error, path = %path.display(), "could not save the nearest-neighbour file");
        }
    }

    /// An index in memory, for tests and evaluation runs. One indexing thread puts documents in one
    /// segment in the order given, so equal scores break the same way on every run.
    pub fn in_memory() -> Result<Self> {
        let (schema, _) = schema();
        Self::wrap(Index::create_in_ram(schema), 1)
    }

    fn wrap(mut index: Index, threads: usize) -> Result<Self> {
        index.tokenizers().register(ANALYZER, tantivy::tokenizer::TextAnalyzer::from(HalqeTokenizer));
        let (_, fields) = schema();
        if threads > 1 {
            // Segments are searched in parallel, so one query's latency uses every core.
            index.set_multithread_executor(threads)?;
        }
        let writer = index.writer_with_num_threads(threads, WRITER_BUDGET * threads)?;
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let pending = Pending { fresh: (reader.searcher().num_docs() == 0).then(Ann::default), changes: Vec::new() };
        Ok(Self {
            reader,
            writer: std::sync::Mutex::new(writer),
            fields,
            idf: Default::default(),
            ann: Default::default(),
            pending: std::sync::Mutex::new(pending),
            ann_file: None,
            saving: std::sync::Mutex::new(()),
            ann_load: AnnLoad::default(),
        })
    }

    fn to_document(&self, d: &IndexDoc, profile: Option<&Int8>) -> Result<TantivyDocument> {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &d.id);
        doc.add_text(f.kind, d.kind.map(|k| k.code()).unwrap_or(""));
        doc.add_text(f.visibility, &d.visibility);
        for o in &d.owners {
            doc.add_text(f.owner, o);
        }
        for fid in &d.fields {
            doc.add_text(f.field, fid);
        }
        doc.add_text(f.province, &d.province);
        for p in &d.provinces {
            doc.add_text(f.province, p);
        }
        doc.add_text(f.org_kind, &d.org_kind);
        doc.add_text(f.availability, &d.availability);
        doc.add_u64(f.verified, u64::from(d.verified));
        doc.add_u64(f.track, d.track_record);
        doc.add_text(f.name, format!("{} {}", d.name, d.name_en));
        doc.add_text(f.skills, &d.skills);
        doc.add_text(f.bio, &d.bio);
        for p in &d.publications {
            doc.add_text(f.publications, format!("{}\n{}", p.title, p.text));
        }
        doc.add_text(f.past_projects, &d.past_projects);
        doc.add_text(f.capabilities, &d.capabilities);
        doc.add_text(f.source, serde_json::to_string(d)?);
        if !d.vector.is_empty() {
            doc.add_bytes(f.vector, &vector_bytes(&d.vector));
        }
        if d.publications.iter().any(|p| !p.vector.is_empty()) {
            for p in &d.publications {
                doc.add_bytes(f.publication_vectors, &vector_bytes(&p.vector));
            }
        }
        if let Some(profile) = profile {
            doc.add_bytes(f.profile, &profile.to_bytes());
        }
        Ok(doc)
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        let mut guard = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Each document in its stored form, and its profile vector quantized (for the fast field and the
    /// nearest-neighbour index).
    fn prepare(&self, docs: &[IndexDoc]) -> Result<(Vec<TantivyDocument>, Vec<Option<Int8>>)> {
        let profiles: Vec<Option<Int8>> = docs.iter().map(|d| profile_vector(d).map(|v| Int8::of(&v))).collect();
        let prepared =
            docs.iter().zip(&profiles).map(|(d, p)| self.to_document(d, p.as_ref())).collect::<Result<Vec<_>>>()?;
        Ok((prepared, profiles))
    }

    /// Notes the documents' profile vectors for the nearest-neighbour index (a document without one leaves it).
    fn note(&self, docs: &[IndexDoc], profiles: Vec<Option<Int8>>) {
        let mut pending = self.pending();
        let changes = docs.iter().map(|d| d.id.clone()).zip(profiles);
        match &mut pending.fresh {
            Some(fresh) => changes.for_each(|(id, vector)| match vector {
                Some(v) => fresh.insert_quantized(&id, &v),
                None => fresh.remove(&id),
            }),
            None => pending.changes.extend(changes),
        }
    }

    /// Applies the noted nearest-neighbour changes, and saves its state when due: called after each commit.
    fn apply_pending(&self) {
        let Pending { fresh, changes } = std::mem::take(&mut *self.pending());
        let mut ann = self.ann.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let replaced = fresh.is_some();
        if let Some(fresh) = fresh {
            *ann = fresh;
        }
        for (id, vector) in changes {
            match vector {
                Some(v) => ann.insert_quantized(&id, &v),
                None => ann.remove(&id),
            }
        }
        let trained = ann.maybe_train();
        let save = self.to_save(&mut ann, replaced, trained);
        drop(ann);
        self.persist(save);
    }

    /// Replaces (or adds) documents; visible after [`SearchIndex::commit`].
    pub fn upsert(&self, docs: &[IndexDoc]) -> Result<()> {
        let (prepared, profiles) = self.prepare(docs)?;
        self.note(docs, profiles);
        self.with_writer(|w| {
            for (d, doc) in docs.iter().zip(prepared) {
                w.delete_term(Term::from_field_text(self.fields.id, &d.id));
                w.add_document(doc)?;
            }
            Ok(())
        })
    }

    /// Adds documents known to be absent (after [`SearchIndex::clear`], or into a new index), each id once.
    /// Unlike [`SearchIndex::upsert`] it queues no delete: tantivy keeps every queued delete in memory
    /// until the commit, about 1 KiB each, which on a million-profile rebuild is a gigabyte.
    pub fn add_new(&self, docs: &[IndexDoc]) -> Result<()> {
        let (prepared, profiles) = self.prepare(docs)?;
        self.note(docs, profiles);
        self.with_writer(|w| {
            for doc in prepared {
                w.add_document(doc)?;
            }
            Ok(())
        })
    }

    /// Removes documents by id; visible after [`SearchIndex::commit`].
    pub fn delete(&self, ids: &[String]) -> Result<()> {
        let mut pending = self.pending();
        match &mut pending.fresh {
            Some(fresh) => ids.iter().for_each(|id| fresh.remove(id)),
            None => pending.changes.extend(ids.iter().map(|id| (id.clone(), None))),
        }
        drop(pending);
        self.with_writer(|w| {
            for id in ids {
                w.delete_term(Term::from_field_text(self.fields.id, id));
            }
            Ok(())
        })
    }

    /// Removes everything (before a rebuild).
    pub fn clear(&self) -> Result<()> {
        *self.pending() = Pending { fresh: Some(Ann::default()), changes: Vec::new() };
        self.with_writer(|w| {
            w.delete_all_documents()?;
            Ok(())
        })
    }

    /// Makes pending changes durable and visible to searches on this node.
    pub fn commit(&self) -> Result<()> {
        self.with_writer(|w| {
            w.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        self.apply_pending();
        Ok(())
    }

    /// Commits and records `seq`, the last feed change applied, in the same durable step.
    pub fn commit_at(&self, seq: i64) -> Result<()> {
        self.with_writer(|w| {
            let mut prepared = w.prepare_commit()?;
            prepared.set_payload(&seq.to_string());
            prepared.commit()?;
            Ok(())
        })?;
        self.reader.reload()?;
        self.apply_pending();
        Ok(())
    }

    /// The last feed change this index has applied (0 for a new index).
    pub fn applied_seq(&self) -> Result<i64> {
        let metas = self.reader.searcher().index().load_metas()?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The stored source of a document.
    pub(crate) fn source(&self, doc: &TantivyDocument) -> Result<IndexDoc> {
        let json = doc.get_first(self.fields.source).and_then(|v| v.as_str()).unwrap_or("{}");
        let mut d: IndexDoc = serde_json::from_str(json)?;
        d.vector = doc.get_first(self.fields.vector).and_then(|v| v.as_bytes()).map(vector_of).unwrap_or_default();
        for (p, bytes) in d.publications.iter_mut().zip(doc.get_all(self.fields.publication_vectors)) {
            p.vector = bytes.as_bytes().map(vector_of).unwrap_or_default();
        }
        Ok(d)
    }
}

/// A vector's stored form: quantized to one byte per dimension (an empty vector stays empty).
fn vector_bytes(v: &[f32]) -> Vec<u8> {
    if v.is_empty() { Vec::new() } else { Int8::of(v).to_bytes() }
}

/// The inverse of [`vector_bytes`], to within the quantization (about 10⁻⁴ on a cosine).
fn vector_of(bytes: &[u8]) -> Vec<f32> {
    Int8::from_bytes(bytes).map(|v| v.to_f32()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PublicationText, ann};

    #[test]
    fn vectors_are_stored_quantized_and_read_back() {
        let index = SearchIndex::in_memory().unwrap();
        let publication = |title: &str, vector: Vec<f32>| PublicationText { vector, ..PublicationText::new(title, "") };
        let with = IndexDoc {
            id: "a".into(),
            // Whole codes at a scale of 1, so quantizing loses nothing and the read-back is exact.
            vector: vec![127.0, -64.0, 32.0],
            publications: vec![
                publication("x", vec![127.0, 127.0, 0.0]),
                publication("y", Vec::new()),
                publication("z", vec![-127.0, 0.0, 127.0]),
            ],
            ..IndexDoc::default()
        };
        let without = IndexDoc { id: "b".into(), ..IndexDoc::default() };
        index.upsert(&[with.clone(), without.clone()]).unwrap();
        index.commit().unwrap();
        let searcher = index.reader.searcher();
        let mut read = Vec::new();
        for address in searcher.search(&tantivy::query::AllQuery, &tantivy::collector::DocSetCollector).unwrap() {
            let stored: TantivyDocument = searcher.doc(address).unwrap();
            assert!(!stored.get_first(index.fields.source).and_then(|v| v.as_str()).unwrap().contains("vector"));
            assert!(!stored.get_first(index.fields.source).and_then(|v| v.as_str()).unwrap().contains("127"));
            read.push(index.source(&stored).unwrap());
        }
        read.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(read, [with, without]);
        assert_eq!(vector_bytes(&[127.0, -1.0]), [0, 0, 0x80, 0x3f, 0x7f, 0xff], "a scale of 1.0, then the codes");
        assert!(vector_bytes(&[]).is_empty());
    }

    /// `n` documents with random vectors of `dim` values in [-1, 1] from a seed (xorshift), ids `d0`…
    fn random_docs(seed: u64, n: usize, dim: usize) -> Vec<IndexDoc> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 2001) as f32 / 1000.0 - 1.0
        };
        (0..n)
            .map(|i| IndexDoc {
                id: format!("d{i}"),
                vector: (0..dim).map(|_| next()).collect(),
                ..IndexDoc::default()
            })
            .collect()
    }

    fn queries() -> Vec<Vec<f32>> {
        random_docs(7, 20, 16).into_iter().map(|d| d.vector).collect()
    }

    /// The ten nearest, equal scores (identical vectors) in id order.
    fn nearest(index: &SearchIndex, query: &[f32]) -> Vec<(String, f32)> {
        let ann = index.ann.read().unwrap();
        let mut found: Vec<_> = ann.nearest(query, 10).into_iter().map(|(id, score)| (id.to_string(), score)).collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found
    }

    /// The share of the exact ten nearest (by cosine) that the index finds, over [`queries`].
    fn recall(index: &SearchIndex, docs: &[IndexDoc]) -> f64 {
        let cos = |a: &[f32], b: &[f32]| {
            let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            dot / (a.iter().map(|x| x * x).sum::<f32>().sqrt() * b.iter().map(|x| x * x).sum::<f32>().sqrt())
        };
        let mut hits = 0;
        for q in queries() {
            let mut exact: Vec<(f32, &str)> = docs.iter().map(|d| (cos(&q, &d.vector), d.id.as_str())).collect();
            exact.sort_by(|a, b| b.0.total_cmp(&a.0));
            let exact: Vec<&str> = exact.iter().take(10).map(|(_, id)| *id).collect();
            hits += nearest(index, &q).iter().filter(|(id, _)| exact.contains(&id.as_str())).count();
        }
        hits as f64 / (10 * queries().len()) as f64
    }

    fn build(dir: &Path, docs: &[IndexDoc]) -> SearchIndex {
        let index = SearchIndex::open(dir).unwrap();
        index.clear().unwrap();
        index.add_new(docs).unwrap();
        index.add_new(&[IndexDoc { id: "no-vector".into(), ..IndexDoc::default() }]).unwrap();
        index.commit().unwrap();
        index
    }

    #[test]
    fn a_reopened_index_finds_the_same_nearest_neighbours_without_training_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = random_docs(1, ann::MIN_TRAIN + 1000, 16);
        let index = build(dir.path(), &docs);
        assert!(index.ann.read().unwrap().is_trained());
        assert!(dir.path().join(ANN_FILE).exists(), "saved after training");
        // Changes after the save: replaced vectors, a new document, a deleted one. Too few to save again,
        // so the start places these by their closest centroid.
        let changed = random_docs(2, 40, 16);
        for (d, c) in docs.iter_mut().zip(&changed) {
            d.vector.clone_from(&c.vector);
        }
        index.upsert(&docs[..40]).unwrap();
        index
            .upsert(&[IndexDoc { id: "new".into(), vector: changed[0].vector.clone(), ..IndexDoc::default() }])
            .unwrap();
        index.delete(&["d100".into()]).unwrap();
        index.commit().unwrap();
        let queries: Vec<Vec<f32>> =
            queries().into_iter().chain(changed.into_iter().take(5).map(|d| d.vector)).collect();
        let before: Vec<_> = queries.iter().map(|q| nearest(&index, q)).collect();
        assert!(before.iter().flatten().any(|(id, _)| id == "new"), "the query set reaches the changed vectors");
        drop(index);

        let reopened = SearchIndex::open(dir.path()).unwrap();
        let vectors = docs.len();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors, restored: vectors - 41, trained: false });
        let after: Vec<_> = queries.iter().map(|q| nearest(&reopened, q)).collect();
        assert_eq!(after, before);
    }

    #[test]
    fn a_missing_or_corrupt_nearest_neighbour_file_is_rebuilt_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(ANN_FILE);
        let docs = random_docs(3, ann::MIN_TRAIN + 500, 16);
        drop(build(dir.path(), &docs));
        let vectors = docs.len();

        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors, restored: 0, trained: true });
        assert!(recall(&reopened, &docs) >= 0.85);
        let expected: Vec<_> = queries().iter().map(|q| nearest(&reopened, q)).collect();
        drop(reopened);
        assert!(Saved::read(&file).unwrap().is_some(), "written again, whole");

        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors, restored: vectors, trained: false });
        assert_eq!(queries().iter().map(|q| nearest(&reopened, q)).collect::<Vec<_>>(), expected);
        drop(reopened);

        std::fs::remove_file(&file).unwrap();
        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors, restored: 0, trained: true });
        assert!(recall(&reopened, &docs) >= 0.85);
        assert!(file.exists());
    }

    #[test]
    fn a_file_saved_for_other_vectors_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(ANN_FILE);
        drop(build(dir.path(), &random_docs(4, ann::MIN_TRAIN + 500, 16)));
        let first_model = std::fs::read(&file).unwrap();
        // The same documents embedded by another model: the node rebuilt its index with the new vectors.
        let docs = random_docs(5, ann::MIN_TRAIN + 500, 16);
        drop(build(dir.path(), &docs));
        assert_ne!(std::fs::read(&file).unwrap(), first_model);
        // An older file left beside the index (a crash before the save, a restored backup).
        std::fs::write(&file, &first_model).unwrap();
        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors: docs.len(), restored: 0, trained: true });
        assert!(recall(&reopened, &docs) >= 0.85);
        drop(reopened);

        // Rebuilt with too few vectors to train: one list, an exact scan, and no file to mislead a start.
        let few = random_docs(6, 300, 16);
        drop(build(dir.path(), &few));
        assert!(!file.exists());
        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(reopened.ann_load(), AnnLoad { vectors: few.len(), restored: 0, trained: false });
        assert!(recall(&reopened, &few) >= 0.95, "exact but for int8 rounding");
    }

    #[test]
    fn an_index_with_another_schema_is_rebuilt_from_position_zero() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = tantivy::schema::Schema::builder();
        let title = old.add_text_field("title", tantivy::schema::TEXT | tantivy::schema::STORED);
        let old_index = Index::create_in_dir(dir.path(), old.build()).unwrap();
        let mut writer: IndexWriter = old_index.writer(15_000_000).unwrap();
        writer.add_document(tantivy::doc!(title => "an older Halqe")).unwrap();
        writer.commit().unwrap();
        drop((writer, old_index));

        let index = SearchIndex::open(dir.path()).unwrap();
        assert_eq!(index.num_docs(), 0);
        assert_eq!(index.applied_seq().unwrap(), 0);
        index.upsert(&[IndexDoc { id: "a".into(), ..IndexDoc::default() }]).unwrap();
        index.commit_at(7).unwrap();
        drop(index);
        let reopened = SearchIndex::open(dir.path()).unwrap();
        assert_eq!((reopened.num_docs(), reopened.applied_seq().unwrap()), (1, 7), "a current index is kept");
    }
}
