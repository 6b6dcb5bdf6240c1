//! Kept values: import cells kept as a record's own text (a value no taxonomy entry or closed list names, or
//! a cell under a column the importer does not know), and staff's value mappings, which give every record
//! carrying a value its entry (and append those records to the search feed).

use halqe_domain::clock::Millis;
use halqe_domain::ids::UserId;
use halqe_domain::kept_value::KeptColumn;

use crate::bulk::{fetch_in, insert_many};
use crate::{Conn, Result, search_feed};

/// One kept cell of a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow)]
pub struct KeptValue {
    /// A [`KeptColumn`] code, or "" for a column the importer does not know.
    pub column_code: String,
    /// The file's header of an unknown column; "" for a known one.
    pub header: String,
    pub value: String,
    /// The value folded, what a mapping is keyed on.
    pub value_key: String,
}

impl KeptValue {
    /// The closed-list column it was kept from, or `None` for an unknown column.
    pub fn column(&self) -> Option<KeptColumn> {
        KeptColumn::parse(&self.column_code).ok()
    }
}

/// Which records: people or organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    People,
    Organizations,
}

impl Side {
    fn owner(self) -> &'static str {
        match self {
            Self::People => "person_id",
            Self::Organizations => "organization_id",
        }
    }

    fn feed(self) -> &'static str {
        match self {
            Self::People => search_feed::PERSON,
            Self::Organizations => search_feed::ORGANIZATION,
        }
    }
}

/// A kept value with the id of its record.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Owned {
    owner: String,
    #[sqlx(flatten)]
    value: KeptValue,
}

/// The kept values of the records `ids`, by record id, each list in a stable order.
async fn of_many(
    conn: &mut Conn,
    side: Side,
    ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<KeptValue>>> {
    let mut out: std::collections::HashMap<String, Vec<KeptValue>> = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let select = format!("SELECT {} AS owner, column_code, header, value, value_key FROM kept_values", side.owner());
    for o in fetch_in::<Owned>(conn, &select, side.owner(), ids).await? {
        let list = out.entry(o.owner).or_default();
        if !list.contains(&o.value) {
            list.push(o.value);
        }
    }
    out.values_mut().for_each(|l| l.sort());
    Ok(out)
}

/// Fills each record's kept values; `slot` gives a record's id and its list.
pub(crate) async fn attach<T>(
    conn: &mut Conn,
    side: Side,
    records: &mut [T],
    slot: fn(&mut T) -> (&str, &mut Vec<KeptValue>),
) -> Result<()> {
    let ids: Vec<String> = records.iter_mut().map(|r| slot(r).0.to_owned()).collect();
    let mut kept = of_many(conn, side, &ids).await?;
    for r in records.iter_mut() {
        let (id, list) = slot(r);
        *list = kept.remove(id).unwrap_or_default();
    }
    Ok(())
}

/// The kept values of one record, in a stable order.
pub async fn of(conn: &mut Conn, side: Side, id: &str) -> Result<Vec<KeptValue>> {
    Ok(sqlx::query_as::<_, KeptValue>(&format!(
        "SELECT column_code, header, value, value_key FROM kept_values WHERE {} = $1
         ORDER BY column_code, header, value",
        side.owner()
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces the kept values of the records given (an import's writes; the caller appends them to the feed).
pub(crate) async fn replace<'a>(
    conn: &mut Conn,
    side: Side,
    records: impl IntoIterator<Item = (&'a str, &'a [KeptValue])>,
    existing: bool,
    now: Millis,
) -> Result<()> {
    let records: Vec<(&str, &[KeptValue])> = records.into_iter().collect();
    if existing {
        let ids: Vec<String> = records.iter().map(|(id, _)| (*id).to_owned()).collect();
        let sql = format!("DELETE FROM kept_values WHERE {}", side.owner());
        crate::bulk::execute_in(conn, &sql, &ids).await?;
    }
    let rows: Vec<(&str, &KeptValue)> =
        records.iter().flat_map(|(id, values)| values.iter().map(move |v| (*id, v))).collect();
    let head = format!("INSERT INTO kept_values ({}, column_code, header, value, value_key, created_at)", side.owner());
    insert_many(conn, &head, 6, &rows, |q, (id, v)| {
        q.bind(*id).bind(&v.column_code).bind(&v.header).bind(&v.value).bind(&v.value_key).bind(now)
    })
    .await
}

/// A value kept on records and not mapped yet, with how many records carry it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Unmapped {
    pub column_code: String,
    pub value_key: String,
    /// One of the spellings the records carry.
    pub value: String,
    pub people: i64,
    pub organizations: i64,
}

/// Unmapped values of the closed-list columns, the most carried first, at most `limit`.
pub async fn unmapped(conn: &mut Conn, limit: i64) -> Result<Vec<Unmapped>> {
    Ok(sqlx::query_as::<_, Unmapped>(
        "SELECT column_code, value_key, MIN(value) AS value,
                COUNT(person_id) AS people, COUNT(organization_id) AS organizations
         FROM kept_values WHERE column_code <> ''
         GROUP BY column_code, value_key
         ORDER BY COUNT(*) DESC, column_code, value_key
         LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// A record carrying a kept value, to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Example {
    pub person_id: Option<String>,
    pub organization_id: Option<String>,
    pub name: String,
}

/// Up to `limit` records carrying a value (through the value's index, never a scan of every kept value).
pub async fn examples(conn: &mut Conn, column_code: &str, value_key: &str, limit: i64) -> Result<Vec<Example>> {
    Ok(sqlx::query_as::<_, Example>(
        "SELECT k.person_id, k.organization_id, COALESCE(p.first_name || ' ' || p.last_name, o.name_fa, '') AS name
         FROM kept_values k
         LEFT JOIN people p ON p.id = k.person_id
         LEFT JOIN organizations o ON o.id = k.organization_id
         WHERE k.column_code = $1 AND k.value_key = $2
         LIMIT $3",
    )
    .bind(column_code)
    .bind(value_key)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// A column the importer does not know, kept on records under this header.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UnknownColumn {
    pub header: String,
    pub people: i64,
    pub organizations: i64,
}

/// The headers of unknown columns kept on records, the most carried first, at most `limit`.
pub async fn unknown_columns(conn: &mut Conn, limit: i64) -> Result<Vec<UnknownColumn>> {
    Ok(sqlx::query_as::<_, UnknownColumn>(
        "SELECT header, COUNT(person_id) AS people, COUNT(organization_id) AS organizations
         FROM kept_values WHERE column_code = '' GROUP BY header ORDER BY COUNT(*) DESC, header LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// A staff decision that a kept value means an entry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ValueMapping {
    pub column_code: String,
    pub value_key: String,
    pub value: String,
    pub target: String,
}

/// Every mapping, for an import to apply as it reads.
pub async fn mappings(conn: &mut Conn) -> Result<Vec<ValueMapping>> {
    Ok(sqlx::query_as::<_, ValueMapping>("SELECT column_code, value_key, value, target FROM value_mappings")
        .fetch_all(&mut *conn)
        .await?)
}

/// The most common spelling of a kept value of `column`, or `None` when no record carries it.
pub async fn spelling(conn: &mut Conn, column: KeptColumn, value_key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT value FROM kept_values WHERE column_code = $1 AND value_key = $2
         GROUP BY value ORDER BY COUNT(*) DESC, value LIMIT 1",
    )
    .bind(column.code())
    .bind(value_key)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Maps a kept value to `target` (saved for later imports) and gives it to every record carrying it: a
/// record the import still owns takes it over what it had, one its owner manages only where its own is
/// empty (a claimed person's other field is kept as a secondary field). The kept values are then removed
/// and the records appended to the feed. Returns how many records carried the value.
pub async fn map(conn: &mut Conn, column: KeptColumn, mapping: &ValueMapping, by: &UserId, now: Millis) -> Result<i64> {
    sqlx::query(
        "INSERT INTO value_mappings (column_code, value_key, value, target, mapped_by, mapped_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (column_code, value_key) DO UPDATE SET value = excluded.value, target = excluded.target,
             mapped_by = excluded.mapped_by, mapped_at = excluded.mapped_at",
    )
    .bind(column.code())
    .bind(&mapping.value_key)
    .bind(&mapping.value)
    .bind(&mapping.target)
    .bind(by.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // The records carrying the value; `{k}` is the placeholder of the value's key, the column's is `{c}`.
    let carriers = |owner: &str, c: &str, k: &str| {
        format!("(SELECT {owner} FROM kept_values WHERE column_code = {c} AND value_key = {k} AND {owner} IS NOT NULL)")
    };
    let (people, organizations) = (carriers("person_id", "$3", "$4"), carriers("organization_id", "$3", "$4"));
    // Statements binding ($1 target, $2 now, $3 column, $4 key).
    let mut updates = Vec::new();
    match column {
        KeptColumn::Field => updates.push(format!(
            "UPDATE people SET primary_field = $1, updated_at = $2
             WHERE id IN {people} AND (user_id IS NULL OR primary_field IS NULL)"
        )),
        KeptColumn::Province => {
            updates.push(format!(
                "UPDATE people SET province = $1, updated_at = $2
                 WHERE id IN {people} AND (user_id IS NULL OR province IS NULL)"
            ));
            updates.push(format!(
                "UPDATE organizations SET province = $1, updated_at = $2
                 WHERE id IN {organizations} AND (source = 'import' OR province IS NULL)"
            ));
        }
        KeptColumn::Degree => updates.push(format!(
            "UPDATE people SET degree = $1, updated_at = $2
             WHERE id IN {people} AND (user_id IS NULL OR degree IS NULL)"
        )),
        KeptColumn::Kind => updates.push(format!(
            "UPDATE organizations SET kind = $1, updated_at = $2
             WHERE id IN {organizations} AND (source = 'import' OR kind = 'other')"
        )),
    }
    for sql in updates {
        sqlx::query(&sql)
            .bind(&mapping.target)
            .bind(now)
            .bind(column.code())
            .bind(&mapping.value_key)
            .execute(&mut *conn)
            .await?;
    }
    if column == KeptColumn::Field {
        // A claimed person who chose another primary field keeps it and gains this one beside it.
        let people = carriers("person_id", "$2", "$3");
        sqlx::query(&format!(
            "INSERT INTO person_fields (person_id, field_id)
             SELECT id, $1 FROM people WHERE id IN {people} AND primary_field <> $1
             ON CONFLICT DO NOTHING"
        ))
        .bind(&mapping.target)
        .bind(column.code())
        .bind(&mapping.value_key)
        .execute(&mut *conn)
        .await?;
    }
    let mut carried = 0;
    for side in [Side::People, Side::Organizations] {
        let ids: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {0} FROM kept_values WHERE column_code = $1 AND value_key = $2 AND {0} IS NOT NULL ORDER BY {0}",
            side.owner()
        ))
        .bind(column.code())
        .bind(&mapping.value_key)
        .fetch_all(&mut *conn)
        .await?;
        carried += ids.len() as i64;
        search_feed::touch_many(conn, side.feed(), ids.iter().map(String::as_str)).await?;
    }
    sqlx::query("DELETE FROM kept_values WHERE column_code = $1 AND value_key = $2")
        .bind(column.code())
        .bind(&mapping.value_key)
        .execute(&mut *conn)
        .await?;
    Ok(carried)
}
