//! How a message leaves: SMTP through `lettre`, or (development only) a line in the log.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain text (a relay on the same host or network only).
    None,
    /// Plain connection upgraded with STARTTLS, which is required (submission port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl TlsMode {
    /// The usual port for this mode.
    pub fn default_port(self) -> u16 {
        match self {
            Self::None => 25,
            Self::Starttls => 587,
            Self::Tls => 465,
        }
    }
}

/// Where and as whom to submit mail.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// Empty means no authentication.
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &"***")
            .finish()
    }
}

/// The way out for every message of a node.
#[derive(Clone)]
pub enum Transport {
    /// Development only: logs recipient and subject, and the message's links too when `show_links`
    /// (`halqe serve --demo`); never the body.
    Log {
        show_links: bool,
    },
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Log { show_links } => f.debug_struct("Log").field("show_links", show_links).finish(),
            Self::Smtp(_) => f.write_str("Smtp"),
        }
    }
}

/// Why a message did not go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// A later attempt cannot succeed (an invalid address, a 5xx answer).
    pub permanent: bool,
    /// The cause, for admins; never contains the body.
    pub message: String,
}

impl SendError {
    fn permanent(message: String) -> Self {
        Self { permanent: true, message }
    }
}

/// One message to send: the outbox row's id becomes its Message-ID, so a receiver can tell a resend.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub id: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

impl Transport {
    /// An SMTP transport; it connects on first use.
    pub fn smtp(s: &SmtpSettings, timeout: Duration) -> Result<Self, lettre::transport::smtp::Error> {
        let builder = match s.tls {
            TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
            TlsMode::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?,
            TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)?,
        };
        let mut builder = builder.port(s.port).timeout(Some(timeout));
        if !s.username.is_empty() {
            builder = builder.credentials(Credentials::new(s.username.clone(), s.password.clone()));
        }
        Ok(Self::Smtp(Box::new(builder.build())))
    }

    /// Sends one message from `from`.
    pub async fn send(&self, from: &Mailbox, m: Outgoing<'_>) -> Result<(), SendError> {
        match self {
            Self::Log { show_links } => {
                if *show_links {
                    let links: Vec<&str> = super::links::find(m.body).map(|r| &m.body[r]).collect();
                    tracing::info!(target: "halqe::mail", to = %m.to, subject = %m.subject, ?links, "mail (log transport, demo)");
                } else {
                    tracing::info!(target: "halqe::mail", to = %m.to, subject = %m.subject, "mail (log transport)");
                }
                Ok(())
            }
            Self::Smtp(smtp) => {
                let message = build(from, m)?;
                smtp.send(message)
                    .await
                    .map(drop)
                    .map_err(|e| SendError { permanent: e.is_permanent(), message: e.to_string() })
            }
        }
    }
}

fn build(from: &Mailbox, m: Outgoing<'_>) -> Result<Message, SendError> {
    let to: Mailbox = m.to.parse().map_err(|e| SendError::permanent(format!("recipient address: {e}")))?;
    let domain = from.email.domain();
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject)
        .message_id(Some(format!("<{}@{domain}>", m.id)))
        .header(ContentType::TEXT_PLAIN)
        .body(m.body.to_owned())
        .map_err(|e| SendError::permanent(format!("message: {e}")))
}
