//! Uploaded file types: the few accepted, recognised from their first bytes and never from the name.

/// A file type Halqe accepts as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Webp,
}

impl FileType {
    pub const ALL: [FileType; 4] = [FileType::Pdf, FileType::Png, FileType::Jpeg, FileType::Webp];

    /// The type the content starts like, or `None` for anything else (HTML, SVG, executables, archives…).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }

    /// The media type a download is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }

    /// Reads back a stored media type.
    pub fn from_mime(mime: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.mime() == mime)
    }

    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_only() {
        assert_eq!(FileType::sniff(b"%PDF-1.7\n%\xE2\xE3"), Some(FileType::Pdf));
        assert_eq!(FileType::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(FileType::Png));
        assert_eq!(FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F']), Some(FileType::Jpeg));
        assert_eq!(FileType::sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(FileType::Webp));
        for refused in [
            &b"<!DOCTYPE html><script>alert(1)</script>"[..],
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"MZ\x90\0\x03\0\0\0",
            b"\x7FELF\x02\x01\x01",
            b"PK\x03\x04",
            b"RIFF\x24\0\0\0WAVEfmt ",
            b" %PDF-1.7",
            b"%PD",
            b"",
        ] {
            assert_eq!(FileType::sniff(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn mime_round_trips() {
        for t in FileType::ALL {
            assert_eq!(FileType::from_mime(t.mime()), Some(t));
        }
        assert_eq!(FileType::from_mime("text/html"), None);
    }
}
