//! Connecting to either backend, running the migrations, and reporting readiness.

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};

use crate::{Error, Result, Tx};

/// The one migrations tree, written in the SQL both engines accept (docs/adr/0006-migrations-written-once.md).
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Which database engine a pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Tells the backend from a database URL.
    pub fn of_url(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(Error::UnsupportedUrl)
        }
    }
}

/// The database handle shared by every request: a pool plus the backend it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

/// What `/readyz` reports about the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub reachable: bool,
    pub pending_migrations: usize,
}

impl Db {
    /// Opens a pool; SQLite files are created if missing and run in WAL mode with foreign keys on.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let options = AnyPoolOptions::new().max_connections(max_connections).acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(&sqlite_url(url))
                    .await?
            }
            Backend::Postgres => options.connect(url).await?,
        };
        if backend == Backend::Sqlite {
            pool.execute("PRAGMA journal_mode = WAL").await?;
        }
        Ok(Self { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a deferred
    /// transaction that reads and then writes fails with SQLITE_BUSY_SNAPSHOT, without waiting, when
    /// another connection wrote in between (a job's heartbeat beside an import batch), whereas waiting
    /// for the lock at the start honours the busy timeout.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Starts a read-only transaction whose reads all see one snapshot, however long it runs and whatever
    /// commits meanwhile: REPEATABLE READ on PostgreSQL; on SQLite (WAL) one read transaction, whose snapshot
    /// is fixed by its first read.
    pub async fn begin_snapshot(&self) -> Result<Tx> {
        let begin = match self.backend {
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            Backend::Sqlite => "BEGIN DEFERRED",
        };
        Ok(self.pool.begin_with(begin).await?)
    }

    /// A pooled connection for reads that need no transaction.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// Whether the database answers and how many embedded migrations it has not applied.
    pub async fn readiness(&self) -> Readiness {
        let reachable = sqlx::query("SELECT 1").execute(&self.pool).await.is_ok();
        let applied: Vec<i64> = if reachable {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = $1")
                .bind(true)
                .fetch_all(&self.pool)
                .await
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let pending_migrations = MIGRATOR.iter().filter(|m| !applied.contains(&m.version)).count();
        Readiness { reachable, pending_migrations }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Adds `mode=rwc` so a missing SQLite file is created.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::MIGRATOR;

    /// Migrations already on main with the checksum every database that applied them stored: editing one
    /// would stop those databases from starting, so a change goes into a new migration instead.
    const MERGED: &[(i64, &str)] = &[
        (1, "0da4689e7a33cb22af9e0c9ab5d800cd83049983dbde25d36f5da98626909551e89af6fe0a62b36ccdd0b99d8ea8a6fc"),
        (2, "78c780362e711aa5317d2fc5b944a0948558a81eff117d870a3c4dd842c33b4beeaf4a79614754e35de0ea74a376fe5d"),
        (3, "7d5e24148ec5b7e5d67cf319ff8591acc910c6928a3607022e45a8ba92cde43f22f0a8e5655005a968cee655eee309ce"),
        (4, "7708180d64c0e1a42afc18e4d3728f59df1ec138ec681f0b5565d1edf9636f69883de7fda50f141379ee9a470b428ce1"),
        (6, "d0f9bc4fb7ba1cd054f75467255de03ae2cf38d5e7a8eae0b43ed9c7fa6c2195096cb190422e9fdb69732bb2cff886d6"),
        (7, "6af2c98403311af73172513d5b497c0fab5c0154c54b2f5fbf12c4008d55df5c99a9e4638610718f6555af1a2ae72b92"),
        (9, "750c245f5078f8aa32a4daf297cac94cc10b8490057a2fc5a5e6a7a7ec0c25eba530923ea667f57bf94de95e35a53bfc"),
        (10, "2044e1cbbd79fa5e2c56c6ae08b2983bf8f71ec84c5c6e46c23746f88ee0a0a96d0f7849805d5f7f819ea5489406b791"),
        (11, "5f6c522a6be2a03b88162a58cfaaae84b0c11cdebe600285ab170bd0b996fbde2e0706a4591c8c6c2c6bd7ae49cde85e"),
        (12, "3f9f8a47b4f2a3f840e55b39d7170faba2842fbb5d99967cfe61f5f85b4d142065c154cd1fe1094d4c7ff016d7f47b23"),
        (13, "0e5ee3a4704d4c88716419dd62efde6b2e8a5a03ff0eda94e5b4020816dda0be3dfb9aeec240845a3edae7c07ab17325"),
        (14, "11156e31cc6c30462e194f94290747813d1d8d255b0fc091e25a458013dd9b1452a09044263d92db7cacba69501e9dc6"),
        (15, "7411623948baebfb33c5028353b77a188466dc624e6bc1c00342de883ed1fe97bbd004f3daebc8983c5c28c13f423837"),
        (16, "a4942bef400b38750befcfb30592496e8d026b2722bdb9bb1878424dd6a97329669d030092453c8bf88818309666fd3b"),
        (17, "4dea155d2618c6c205ce7e8d943bdb5aa84472e8216e10d722a8cf1c767446fda1cda28069abc3d356eda0f388658104"),
        (18, "44d98d41efa180e72e28b69ac4fd16e00e34be836eeae8023f1706c254a0d2e8e304417a84f76b4816fd0dd3f1a78948"),
        (19, "e8546029e03e6665c8e2f6330780fa524fcebc9a14364c11e445cb791eef426e416bcc603784072902713e168465921d"),
        (20, "ba1ae44c35a4bda1baba8e98839aba39d85ddc6b34a081c1690de6b03599cc64905981b2c3b6810c5e4a69aad8ff1e92"),
        (21, "9038bcaab5e0c83838875f62f36b3ca70743a5d1776d5ddf611ae533eeaa2858b4e373b33cd91cbe12252de910874f2d"),
        (22, "ab0938948fe839c3c9833e0e32586809d00dd110288263db9739819dc67680522d6b449f3d0bb70c7134a244452094b0"),
        (23, "b017f3683a84c0e42b34e7fb1d6b9bff336fac39ed3420be4a142303085da5816b78914c794fed2d70a7eebab06d1a51"),
        (24, "d119c0bc666176eb37859ca60ef5cbcb34feb8660cd5edc2cd328418b844913a66a53d6fe30be6c7f992ded17ff94f65"),
        (25, "cb9a938e3d43053c2989b6a1f1add1aaa3a27393402a01ebd6ac62df3fcbee036cef2ebfb8eb3a0483005a4dca80925f"),
    ];

    #[test]
    fn merged_migrations_are_never_edited_or_renumbered() {
        for (version, checksum) in MERGED {
            let m = MIGRATOR.iter().find(|m| m.version == *version);
            let m = m.unwrap_or_else(|| panic!("migration {version} is gone"));
            assert_eq!(hex::encode(&m.checksum), *checksum, "migration {version} ({}) was edited", m.description);
        }
    }

    #[test]
    fn versions_increase_and_every_file_is_a_forward_migration() {
        let versions: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
        assert!(MIGRATOR.iter().all(|m| m.migration_type.is_up_migration()), "no down migrations");
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap();
        let names: Vec<String> = files.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert!(
            names.iter().all(|n| n.len() > 5 && n[..4].bytes().all(|b| b.is_ascii_digit()) && n.ends_with(".sql")),
            "{names:?}"
        );
        assert_eq!(names.len(), versions.len(), "one tree, no sub-folders: {names:?}");
    }
}
