//! The search query path: a directory search and a need match built the way the use cases build them
//! (`DirectoryRequest::query`, `NeedRequest::need`), run on a small in-memory index, with the
//! viewer's visibility, filters, left-out and only-these candidates.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use halqe_app::search::directory::{self, DirectoryRequest, PAGE_SIZE};
use halqe_app::search::matching::{self, MAX_FIELDS, MAX_LISTED, MAX_TOP, NeedRequest};
use halqe_search::query::{Filters, Viewer};
use halqe_search::{DocKind, IndexDoc, PublicationText, SearchIndex, analysis};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    text: &'a str,
    match_need: bool,
    kind: Option<bool>,
    field: Option<&'a str>,
    province: Option<&'a str>,
    org_kind: Option<&'a str>,
    availability: Option<&'a str>,
    verified_only: bool,
    exclude: Vec<&'a str>,
    only: Vec<&'a str>,
    fields: Vec<&'a str>,
    /// Which of public, agencies, private the viewer may list.
    visibilities: u8,
    user: Option<u8>,
    page: u16,
    top: u8,
}

const VISIBILITIES: [&str; 3] = ["public", "agencies", "private"];

fn doc(id: &str, visibility: &str, owner: &str, kind: DocKind, text: [&str; 3]) -> IndexDoc {
    let [skills, bio, publication] = text;
    IndexDoc {
        id: id.into(),
        kind: Some(kind),
        visibility: visibility.into(),
        owners: vec![owner.into()],
        name: format!("نام {id}"),
        name_en: format!("Name {id}"),
        fields: vec![format!("f{}", id.len() % 3), "ai".into()],
        province: "tehran".into(),
        org_kind: if kind == DocKind::Organization { "knowledge_based".into() } else { String::new() },
        availability: "open".into(),
        verified: id.len() % 2 == 0,
        track_record: id.len() as u64,
        skills: skills.into(),
        bio: bio.into(),
        publications: vec![PublicationText::new(publication, "")],
        past_projects: "سامانه‌های دولتی".into(),
        capabilities: String::new(),
        vector: Vec::new(),
    }
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("index");
        let p = DocKind::Person;
        let docs = [
            doc("a", "public", "u1", p, ["تحلیل داده، یادگیری ماشین", "پژوهشگر سامانه‌های استخدامی", "پیش‌بینی ترک خدمت"]),
            doc("bb", "agencies", "u2", p, ["machine learning, Python", "Researcher of hiring systems", "Attrition"]),
            doc("ccc", "private", "u3", p, ["حسابداری", "بودجه و مالیه عمومی", "حسابرسی دولتی"]),
            doc("dd", "public", "u1", DocKind::Organization, ["هوش مصنوعی", "شرکت دانش‌بنیان پردازش زبان فارسی", ""]),
            doc("eeeee", "public", "u4", p, ["می‌شود کتاب‌ها", "مديريت كاركنان ۱۴۰۲", "Organizations and data"]),
        ];
        index.upsert(&docs).expect("upsert");
        index.commit().expect("commit");
        index
    })
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

fn terms_of(doc: &IndexDoc) -> HashSet<String> {
    let pubs = doc.publications.iter().map(|p| format!("{}\n{}", p.title, p.text)).collect::<Vec<_>>().join("\n");
    let all = [&doc.name, &doc.name_en, &doc.skills, &doc.bio, &pubs, &doc.past_projects, &doc.capabilities];
    all.iter().flat_map(|t| analysis::terms(t)).collect()
}

fuzz_target!(|input: Input<'_>| {
    let filters = Filters {
        kind: input.kind.map(|org| if org { DocKind::Organization } else { DocKind::Person }),
        field: input.field.map(str::to_owned),
        province: input.province.map(str::to_owned),
        org_kind: input.org_kind.map(str::to_owned),
        availability: input.availability.map(str::to_owned),
        verified_only: input.verified_only,
        exclude: owned(&input.exclude),
        only: owned(&input.only),
    };
    let viewer = Viewer {
        visibilities: (0..3).filter(|i| input.visibilities & (1 << i) != 0).map(|i| VISIBILITIES[i].into()).collect(),
        user_id: input.user.map(|u| format!("u{}", u % 5)),
    };
    let may_see = |doc: &IndexDoc| {
        viewer.visibilities.contains(&doc.visibility) || viewer.user_id.as_ref().is_some_and(|u| doc.owners.contains(u))
    };
    let passes = |doc: &IndexDoc| {
        assert!(may_see(doc), "{} is not visible to {viewer:?}", doc.id);
        assert!(!filters.exclude.contains(&doc.id), "{} was left out", doc.id);
        assert!(filters.only.is_empty() || filters.only.contains(&doc.id), "{} is not among only", doc.id);
        assert!(!filters.verified_only || doc.verified, "{} is not verified", doc.id);
        assert!(filters.kind.is_none_or(|k| doc.kind == Some(k)), "{} is of another kind", doc.id);
    };

    if input.match_need {
        let fields = owned(&input.fields);
        let req = NeedRequest { text: input.text.into(), fields, filters: filters.clone(), top: input.top.into() };
        let need = match req.need(viewer.clone()) {
            Ok(need) => need,
            Err(_) => {
                assert!(
                    req.text.chars().count() > matching::MAX_TEXT_CHARS
                        || req.fields.len() > MAX_FIELDS
                        || req.filters.exclude.len().max(req.filters.only.len()) > MAX_LISTED
                );
                return;
            }
        };
        let top = req.top.clamp(1, MAX_TOP);
        let matches = index().match_need(&need, top, &Default::default()).expect("match");
        assert!(matches.len() <= top);
        for pair in matches.windows(2) {
            assert!(pair[0].score >= pair[1].score, "best first");
        }
        for m in &matches {
            passes(&m.doc);
            assert!(m.score.is_finite() && (0.0..=1.0).contains(&m.score), "{}", m.score);
            if m.score > 0.0 {
                let shares: f32 = m.signals.iter().map(|s| s.share).sum();
                assert!((shares - 1.0).abs() < 1e-3, "shares add up to the score: {:?}", m.signals);
            }
        }
    } else {
        let req = DirectoryRequest { text: input.text.into(), filters: filters.clone(), page: input.page.into() };
        let Ok(q) = req.query(viewer.clone()) else {
            assert!(req.text.chars().count() > directory::MAX_TEXT_CHARS, "only an overlong text is refused");
            return;
        };
        let results = index().directory(&q).expect("directory");
        assert!(results.hits.len() <= PAGE_SIZE && results.hits.len() <= results.total);
        let wanted: HashSet<String> = analysis::terms(&q.text).into_iter().collect();
        for hit in &results.hits {
            passes(&hit.doc);
            let have = terms_of(&hit.doc);
            assert!(wanted.iter().all(|t| have.contains(t)), "{} lacks one of {wanted:?}", hit.doc.id);
            for segment in &hit.snippet {
                assert!(!segment.highlight || !segment.text.is_empty());
            }
        }
        let by_kind: u64 = results.facets.kind.iter().map(|(_, n)| n).sum();
        assert!(by_kind <= results.total as u64);
    }
});
