//! Database errors as the application layer needs to tell them apart.

/// A database failure; `Conflict` is a unique-constraint violation the caller may turn into a form error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unique constraint violated")]
    Conflict,
    #[error("database: {0}")]
    Sqlx(sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite:// or postgres://)")]
    UnsupportedUrl,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => Error::Conflict,
            _ => Error::Sqlx(e),
        }
    }
}
