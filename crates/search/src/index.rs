//! The per-node search index: a tantivy index of [`IndexDoc`]s, rebuilt from the database at will.

use std::path::Path;

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::ann::Ann;
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

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let keyword = STRING | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
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
}

/// Nearest-neighbour changes since the last commit: a profile vector to put (or `None`: remove) per id.
#[derive(Debug, Default)]
struct Pending {
    clear: bool,
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
        let opened = Self::wrap(index, threads)?;
        opened.load_ann()?;
        Ok(opened)
    }

    /// Builds the nearest-neighbour index from the stored documents' vectors.
    fn load_ann(&self) -> Result<()> {
        let searcher = self.reader.searcher();
        let mut ann = Ann::default();
        for address in searcher.search(&tantivy::query::AllQuery, &tantivy::collector::DocSetCollector)? {
            let doc = self.source(&searcher.doc(address)?)?;
            if let Some(v) = profile_vector(&doc) {
                ann.insert(&doc.id, &v);
            }
        }
        ann.maybe_train();
        *self.ann.write().unwrap_or_else(std::sync::PoisonError::into_inner) = ann;
        Ok(())
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
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Self {
            reader,
            writer: std::sync::Mutex::new(writer),
            fields,
            idf: Default::default(),
            ann: Default::default(),
            pending: Default::default(),
        })
    }

    fn to_document(&self, d: &IndexDoc) -> Result<TantivyDocument> {
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
        Ok(doc)
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        let mut guard = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Queues the documents' profile vectors for the nearest-neighbour index (a document without one leaves it).
    fn note(&self, docs: &[IndexDoc]) {
        let mut pending = self.pending();
        pending.changes.extend(docs.iter().map(|d| (d.id.clone(), profile_vector(d).map(|v| Int8::of(&v)))));
    }

    /// Applies the queued nearest-neighbour changes: called after each commit.
    fn apply_pending(&self) {
        let Pending { clear, changes } = std::mem::take(&mut *self.pending());
        let mut ann = self.ann.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if clear {
            *ann = Ann::default();
        }
        for (id, vector) in changes {
            match vector {
                Some(v) => ann.insert_quantized(&id, &v),
                None => ann.remove(&id),
            }
        }
        ann.maybe_train();
    }

    /// Replaces (or adds) documents; visible after [`SearchIndex::commit`].
    pub fn upsert(&self, docs: &[IndexDoc]) -> Result<()> {
        let prepared = docs.iter().map(|d| Ok((d.id.clone(), self.to_document(d)?))).collect::<Result<Vec<_>>>()?;
        self.note(docs);
        self.with_writer(|w| {
            for (id, doc) in prepared {
                w.delete_term(Term::from_field_text(self.fields.id, &id));
                w.add_document(doc)?;
            }
            Ok(())
        })
    }

    /// Adds documents known to be absent (after [`SearchIndex::clear`], or into a new index), each id once.
    /// Unlike [`SearchIndex::upsert`] it queues no delete: tantivy keeps every queued delete in memory
    /// until the commit, about 1 KiB each, which on a million-profile rebuild is a gigabyte.
    pub fn add_new(&self, docs: &[IndexDoc]) -> Result<()> {
        let prepared = docs.iter().map(|d| self.to_document(d)).collect::<Result<Vec<_>>>()?;
        self.note(docs);
        self.with_writer(|w| {
            for doc in prepared {
                w.add_document(doc)?;
            }
            Ok(())
        })
    }

    /// Removes documents by id; visible after [`SearchIndex::commit`].
    pub fn delete(&self, ids: &[String]) -> Result<()> {
        self.pending().changes.extend(ids.iter().map(|id| (id.clone(), None)));
        self.with_writer(|w| {
            for id in ids {
                w.delete_term(Term::from_field_text(self.fields.id, id));
            }
            Ok(())
        })
    }

    /// Removes everything (before a rebuild).
    pub fn clear(&self) -> Result<()> {
        *self.pending() = Pending { clear: true, changes: Vec::new() };
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
    use crate::PublicationText;

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
