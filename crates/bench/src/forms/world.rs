//! The forms benchmark's world: who sends each form, and an object of every kind a timed route writes to,
//! made through the real routes where users make them (the evaluation's assignments are inserted, as an
//! applied assignment run leaves them). Before each run, [`World::prepare`] readies what the request needs
//! (untimed), so every timed request is accepted at its largest input.

use anyhow::{Context, bail};
use halqe_app::rate_limits::{Limit, QUESTION_ACCOUNT, SUBMIT_ACCOUNT, TEAM_INVITE_PAIR};
use halqe_app::{MINUTE_MS, proposals::team::MEMBER_INPUT};
use halqe_domain::ids::UserId;
use halqe_domain::proposal::MAX_VERSIONS;
use halqe_domain::user::Role;
use halqe_testing::{TestApp, bodies, evaluation, world};
use reqwest::Client;
use serde_json::Value;

use super::Words;

/// Candidates introduced by one request ([`halqe_app::introductions::request::MAX_CANDIDATES`]).
const CANDIDATES: usize = halqe_app::introductions::request::MAX_CANDIDATES;

/// Team members invited in turn: each is invited again only after the others, so the clock moves
/// `TEAM_INVITE_PAIR`'s window over 3·`MEMBERS` a run (see [`pace`]).
const MEMBERS: usize = 8;

/// Proposals of the call in evaluation; its stages are as many as the review routes' assignments need.
const APPLICANTS: usize = 4;

/// Who sends what, and the objects the paths point at.
pub(super) struct World {
    innovator: Client,
    officer: Client,
    staff: Client,
    reviewer: Client,
    reviewer_id: UserId,
    organization: String,
    introduction: String,
    candidates: Vec<String>,
    /// The officer's draft the editor routes save over.
    draft: String,
    /// A published challenge taking questions and proposals (its deadline years ahead).
    open: String,
    /// The innovator's proposal to `open`; when it has its last version, it is withdrawn for a new draft.
    proposal: String,
    /// Registry profiles with accounts, invited to the team in turn; the last one invited.
    members: Vec<String>,
    invited: usize,
    /// A call in evaluation; `assigned` of its (stage, proposal) pairs are assigned to the reviewer.
    evaluation: evaluation::World,
    assigned: usize,
    /// The assignment whose draft review the draft routes save again and again (never submitted).
    review_draft: (String, usize),
}

/// What one run of a route sends beyond its form: the path with its ids, and the fields the object's
/// state asks for (an expected version, the criteria of the assignment's stage, a member's link).
pub(super) struct Prepared {
    pub(super) url: String,
    pub(super) fields: Vec<(String, String)>,
}

/// How far the clock moves before each run of `path` (a limited form waits out its limit, as its users
/// would), and what that is, to print.
pub(super) fn pace(path: &str) -> (i64, Option<String>) {
    let (limit, per): (&Limit, i64) = match route(path) {
        "/challenges/{id}/questions" | "/questions/{id}/answer" => (&QUESTION_ACCOUNT, 1),
        "/proposals/{id}/submit" => (&SUBMIT_ACCOUNT, 1),
        "/proposals/{id}/team" => (&TEAM_INVITE_PAIR, MEMBERS as i64),
        _ => return (MINUTE_MS, None),
    };
    let step = limit.window_ms / (limit.max * per) + MINUTE_MS;
    let what = match route(path) {
        "/questions/{id}/answer" => "each run first asks the question it answers (untimed); ",
        "/challenges/{id}/questions" => "the officer answers the questions waiting before each run (untimed); ",
        "/proposals/{id}/team" => "members invited in turn, each taken off again before the next run (untimed); ",
        "/proposals/{id}/submit" => "a proposal with its last version is withdrawn for a new draft (untimed); ",
        _ => "",
    };
    let note = format!(
        "{what}{} allows {} per {} min, so the clock moves {} min a run",
        limit.name,
        limit.max * per,
        limit.window_ms / MINUTE_MS,
        step / MINUTE_MS
    );
    (step, Some(note))
}

/// `path` without the API's prefix: the page route and its API twin are prepared alike.
fn route(path: &str) -> &str {
    path.strip_prefix("/api/v1").unwrap_or(path)
}

fn location(r: &reqwest::Response) -> anyhow::Result<String> {
    let to = r.headers().get("location").and_then(|l| l.to_str().ok());
    Ok(to.with_context(|| format!("expected a redirect, got {}", r.status()))?.to_owned())
}

/// A JSON value's field as a number.
fn number(v: &Value, field: &str) -> anyhow::Result<i64> {
    v.get(field).and_then(Value::as_i64).with_context(|| format!("no {field} in {v}"))
}

impl World {
    /// Everything the routes need, for `runs` runs of each.
    pub(super) async fn set_up(app: &TestApp, accounts: bool, runs: usize) -> anyhow::Result<Self> {
        let (innovator, _, _) = world::innovator(app, "innovator@bench.test", "کاظمی", "tehran").await;
        let agency = app.agency("سازمان اداری و استخدامی").await;
        let officer = app.officer_of("officer@bench.test", &agency).await;
        let staff = app.signed_in("staff@bench.test", &[Role::Staff]).await;
        let reviewer_id = app.user("reviewer@bench.test", &[Role::Reviewer]).await;
        let reviewer = app.client();
        app.login(&reviewer, "reviewer@bench.test", halqe_testing::PASSWORD).await;
        let r = bodies::send(
            app,
            &innovator,
            "POST",
            "/organizations",
            &bodies::with(bodies::base("organization"), "name_fa", "گروه پژوهشی داده"),
        )
        .await;
        let organization = location(&r)?.trim_start_matches("/organizations/").to_owned();
        let mut candidates = Vec::with_capacity(CANDIDATES);
        for i in 0..CANDIDATES {
            let account = if accounts {
                Some(app.user(&format!("candidate{i}@bench.test"), &[Role::Innovator]).await)
            } else {
                None
            };
            let skills = "یادگیری ماشین، تحلیل داده، منابع انسانی، پیش‌بینی ترک خدمت";
            let id = app.person(&format!("کاظمی {i}"), skills, None, account.as_ref()).await;
            candidates.push(format!("person:{id}"));
        }
        app.sync_index().await;
        let form = vec![
            ("need".to_owned(), "پیش‌بینی ترک خدمت کارکنان دولت".to_owned()),
            ("candidate".to_owned(), candidates[0].clone()),
        ];
        let r = bodies::send(app, &officer, "POST", "/introductions", &form).await;
        if !r.status().is_redirection() {
            bail!("introducing a candidate: {}", r.status());
        }
        let list: Value = officer.get(app.url("/api/v1/introductions")).send().await?.json().await?;
        let introduction = list
            .get(0)
            .and_then(|i| i.get("id"))
            .and_then(|id| id.as_str())
            .with_context(|| format!("no introduction in {list}"))?
            .to_owned();
        let challenge = bodies::base("challenge");
        let r = app.post_form(&officer, "/challenges", challenge).await;
        let draft = location(&r)?.trim_start_matches("/challenges/").to_owned();
        let open = world::published(app, &officer, &staff, challenge).await;
        let mut members = Vec::with_capacity(MEMBERS);
        for i in 0..MEMBERS {
            let (_, _, person) =
                world::innovator(app, &format!("member{i}@bench.test"), &format!("نوری {i}"), "fars").await;
            members.push(person);
        }
        // Every draft routes' run saves over one assignment; every submission takes a fresh one.
        let pairs = 1 + 2 * runs;
        let gates = vec![("panel", 0); pairs.div_ceil(APPLICANTS)];
        let evaluation = evaluation::world(app, &gates, APPLICANTS).await;
        let mut w = Self {
            innovator,
            officer,
            staff,
            reviewer,
            reviewer_id,
            organization,
            introduction,
            candidates,
            draft,
            open,
            proposal: String::new(),
            members,
            invited: 0,
            evaluation,
            assigned: 0,
            review_draft: (String::new(), 0),
        };
        w.proposal = w.new_proposal(app).await?;
        w.review_draft = w.assign(app).await;
        Ok(w)
    }

    /// The client of the role that uses `form`.
    pub(super) fn client(&self, form: &str) -> &Client {
        match bodies::role_of(form) {
            Role::Officer => &self.officer,
            Role::Staff => &self.staff,
            Role::Reviewer => &self.reviewer,
            _ => &self.innovator,
        }
    }

    /// Readies run `run` of `path` (untimed): the ids of its path and the fields its object's state asks for.
    pub(super) async fn prepare(
        &mut self,
        app: &TestApp,
        words: &Words,
        path: &str,
        run: usize,
    ) -> anyhow::Result<Prepared> {
        let at = |id: &str| path.replacen("{id}", id, 1);
        let mut fields = Vec::new();
        let url = match route(path) {
            "/challenges/{id}/edit" => {
                let c: Value = self
                    .officer
                    .get(app.url(&format!("/api/v1/challenges/{}", self.draft)))
                    .send()
                    .await?
                    .json()
                    .await?;
                fields.push(("version".to_owned(), number(&c, "version")?.to_string()));
                at(&self.draft)
            }
            "/challenges/{id}/questions" => {
                self.answer_waiting(app).await?;
                at(&self.open)
            }
            "/questions/{id}/answer" => at(&self.ask(app, run).await?),
            "/proposals/{id}/draft" => at(&self.proposal),
            "/proposals/{id}/submit" => {
                let versions = self.versions(app).await?;
                fields.extend(
                    [("version", versions.to_string()), ("originality", "on".into()), ("conflicts", "on".into())]
                        .map(|(k, v)| (k.to_owned(), v)),
                );
                at(&self.proposal)
            }
            "/proposals/{id}/team" => {
                if self.invited > 0 {
                    let last = &self.members[(self.invited - 1) % MEMBERS];
                    let r = app
                        .post_form(&self.innovator, &format!("/proposals/{}/team/{last}/remove", self.proposal), &[])
                        .await;
                    if !r.status().is_redirection() {
                        bail!("taking a member off the team: {}", r.status());
                    }
                }
                let person = self.members[self.invited % MEMBERS].clone();
                self.invited += 1;
                fields.push(("member".to_owned(), member_link(app, words, &person, run)));
                at(&self.proposal)
            }
            "/reviews/{id}" => {
                fields.extend(self.criteria(self.review_draft.1));
                at(&self.review_draft.0)
            }
            "/reviews/{id}/submit" => {
                let (assignment, stage) = self.assign(app).await;
                fields.extend(self.criteria(stage));
                at(&assignment)
            }
            _ => path
                .replace("/organizations/{id}", &format!("/organizations/{}", self.organization))
                .replace("/introductions/{id}", &format!("/introductions/{}", self.introduction))
                .replace("/conversations/{kind}/{id}", &format!("/conversations/introduction/{}", self.introduction)),
        };
        Ok(Prepared { url, fields })
    }

    /// The largest accepted input of `form` on `path`, different for each run, with `extra` fields.
    pub(super) fn input(
        &self,
        words: &Words,
        path: &str,
        form: &str,
        run: usize,
        extra: Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> =
            bodies::base(form).iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        for (field, max) in halqe_app::limits::of(form) {
            if extra.iter().any(|(k, _)| k == field) {
                continue;
            }
            fields = bodies::with(&to_refs(&fields), field, &words.text(field, *max, run * 31));
        }
        match form {
            "profile" => fields.push(("skills".into(), words.skills(run * 31))),
            "introduction" => {
                let key = if path.starts_with("/api/") { "candidates" } else { "candidate" };
                fields.extend(self.candidates.iter().map(|c| (key.to_owned(), c.clone())));
            }
            "review" => {
                // A score for each criterion the run names, each one's comment at the bound of the first's.
                let max = halqe_domain::evaluation::review::CRITERION_COMMENT;
                let criteria = extra.iter().filter(|(k, _)| k.starts_with("criterion_")).count();
                for n in 1..=criteria {
                    fields.push((format!("score_{n}"), "4".to_owned()));
                    if n > 1 {
                        fields.push((format!("comment_{n}"), words.text("comment", max, run * 31 + n * 7)));
                    }
                }
                fields.push(("confidence".to_owned(), "4".to_owned()));
            }
            _ => {}
        }
        fields.extend(extra);
        fields
    }

    /// The officer answers every question waiting in their queue (an asker has at most five waiting on a
    /// challenge).
    async fn answer_waiting(&self, app: &TestApp) -> anyhow::Result<()> {
        let waiting: Value = self.officer.get(app.url("/api/v1/questions")).send().await?.json().await?;
        for q in waiting.as_array().context("the officer's queue")? {
            let id = q.get("id").and_then(Value::as_str).context("a waiting question's id")?;
            let r = app.post_form(&self.officer, &format!("/questions/{id}/answer"), &[("answer", "بله.")]).await;
            if !r.status().is_redirection() {
                bail!("answering a waiting question: {}", r.status());
            }
        }
        Ok(())
    }

    /// The innovator asks a question on the open challenge; returns its id.
    async fn ask(&self, app: &TestApp, run: usize) -> anyhow::Result<String> {
        let path = format!("/challenges/{}/questions", self.open);
        let text = format!("آیا داده‌های نمونه در اختیار متقاضیان قرار می‌گیرد؟ ({run})");
        let r = app.post_form(&self.innovator, &path, &[("question", &text)]).await;
        let to = location(&r)?;
        Ok(to.split("#q-").nth(1).with_context(|| format!("no question in {to}"))?.to_owned())
    }

    /// The innovator starts a draft to the open challenge as themselves; returns its id.
    async fn new_proposal(&self, app: &TestApp) -> anyhow::Result<String> {
        let path = format!("/challenges/{}/proposals", self.open);
        let r = app.post_form(&self.innovator, &path, &[("applicant", "person")]).await;
        Ok(location(&r)?.trim_start_matches("/proposals/").trim_end_matches("/edit").to_owned())
    }

    /// The versions the proposal has; one that has its last is withdrawn and a new draft started.
    async fn versions(&mut self, app: &TestApp) -> anyhow::Result<i64> {
        let url = app.url(&format!("/api/v1/proposals/{}", self.proposal));
        let versions = number(&self.innovator.get(url).send().await?.json().await?, "versions")?;
        if versions < MAX_VERSIONS {
            return Ok(versions);
        }
        let r = app.post_form(&self.innovator, &format!("/proposals/{}/withdraw", self.proposal), &[]).await;
        if !r.status().is_redirection() {
            bail!("withdrawing a proposal with its last version: {}", r.status());
        }
        self.proposal = self.new_proposal(app).await?;
        Ok(0)
    }

    /// Assigns the reviewer the next (stage, proposal) pair of the call in evaluation; returns the
    /// assignment and its stage.
    async fn assign(&mut self, app: &TestApp) -> (String, usize) {
        let stage = self.assigned / APPLICANTS;
        let proposal = &self.evaluation.applicants[self.assigned % APPLICANTS].proposal;
        self.assigned += 1;
        (self.evaluation.assign(app, stage, proposal, &self.reviewer_id).await, stage)
    }

    /// The rubric form's `criterion_<n>` fields for the criteria of stage `stage`.
    fn criteria(&self, stage: usize) -> Vec<(String, String)> {
        self.evaluation.stages[stage]
            .1
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("criterion_{}", i + 1), c.clone()))
            .collect()
    }
}

/// A link to `person`'s profile as someone might paste it, with a query that makes it exactly
/// `MEMBER_INPUT` characters.
fn member_link(app: &TestApp, words: &Words, person: &str, run: usize) -> String {
    let link = app.url(&format!("/people/{person}?from="));
    let filler = words.text("member", MEMBER_INPUT - link.chars().count(), run * 31);
    format!("{link}{filler}")
}

fn to_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The JSON body an API client sends for `fields`: strings, but for an expected version (a number) and a
/// review's scores (one object per criterion).
pub(super) fn json(fields: &[(String, String)]) -> Value {
    let mut body = bodies::json_of(fields);
    if let Some(v) = body.get("version").and_then(Value::as_str).and_then(|v| v.parse::<i64>().ok()) {
        body.insert("version".into(), v.into());
    }
    let mut scores = Vec::new();
    for n in 1.. {
        let Some(criterion) = body.remove(&format!("criterion_{n}")) else { break };
        let score = body.remove(&format!("score_{n}")).unwrap_or_default();
        let comment = body.remove(&format!("comment_{n}")).unwrap_or_default();
        scores.push(serde_json::json!({ "criterion_id": criterion, "score": score, "comment": comment }));
    }
    if !scores.is_empty() {
        body.insert("scores".into(), scores.into());
    }
    Value::Object(body)
}
