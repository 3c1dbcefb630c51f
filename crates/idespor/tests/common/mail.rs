//! A real mail server for tests: Debian's aiosmtpd on a loopback port, writing each message into
//! a maildir, and the little needed to read what arrived (headers, RFC 2047 words).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// This person hears of moves by mail at once and of nothing else by mail, so that no digest
/// of theirs can be mistaken for the mail under test.
pub async fn only_moves_by_mail_at_once(
    svc: &idespor_domain::service::Services,
    email: &str,
) -> idespor_domain::service::Actor {
    use idespor_domain::mail::Cadence;
    use idespor_domain::notify::NotificationKind;
    let user = svc.person_by_email(email).await.unwrap().unwrap_or_else(|| panic!("{email}"));
    let person = idespor_domain::service::Actor::new(user);
    let prefs = [
        (NotificationKind::Moved, Cadence::Immediate),
        (NotificationKind::Commented, Cadence::Off),
        (NotificationKind::Decision, Cadence::Off),
        (NotificationKind::Meeting, Cadence::Off),
    ];
    svc.set_preferences(&person, &prefs).await.unwrap();
    person
}

/// The Python with aiosmtpd (Debian: python3-aiosmtpd), our stand-in mail server.
pub const PYTHON: &str = "/usr/bin/python3";

pub fn aiosmtpd_available() -> bool {
    Command::new(PYTHON)
        .args(["-c", "import aiosmtpd"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether a mail test can run: aiosmtpd is there. When it is not, the test is skipped with a
/// loud line, or fails when every suite must run (IDESPOR_REQUIRE_ALL=1).
pub fn aiosmtpd_or_skip(test: &str) -> bool {
    if aiosmtpd_available() {
        return true;
    }
    let why = format!("{PYTHON} cannot import aiosmtpd (Debian: apt-get install python3-aiosmtpd)");
    assert!(!super::require_all(), "{test} is required (IDESPOR_REQUIRE_ALL=1) but {why}");
    eprintln!("SKIPPED: {test}: {why}");
    false
}

/// The mail worker, stopped when the test ends.
pub struct Worker(pub tokio::task::JoinHandle<()>);

impl Drop for Worker {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// aiosmtpd on a loopback port, writing each message into a maildir; killed when dropped.
pub struct SmtpServer(Child);

impl SmtpServer {
    pub async fn start(port: u16, maildir: &Path) -> SmtpServer {
        let child = Command::new(PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let mut server = SmtpServer(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return server;
            }
            if let Ok(Some(status)) = server.0.try_wait() {
                panic!("aiosmtpd stopped at once ({status})");
            }
            assert!(Instant::now() < deadline, "aiosmtpd does not listen on port {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A delivered mail's headers, unfolded.
pub type Headers = Vec<(String, String)>;

pub fn parse_headers(raw: &str) -> Headers {
    let raw = raw.replace("\r\n", "\n");
    let head = raw.split("\n\n").next().unwrap_or_default();
    let mut headers: Headers = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    headers
}

pub fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The mails in the maildir addressed to `email` (by the envelope or the To header).
pub fn mails_to(maildir: &Path, email: &str) -> Vec<Headers> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|bytes| parse_headers(&String::from_utf8_lossy(&bytes)))
        .filter(|h| {
            header_of(h, "X-RcptTo").is_some_and(|v| v.contains(email))
                || header_of(h, "To").is_some_and(|v| v.contains(email))
        })
        .collect()
}

/// A header value with RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded.
pub fn decode_header(value: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut last_encoded = false;
    for word in value.split_whitespace() {
        match encoded_word(word) {
            Some(bytes) => {
                // Whitespace between two encoded words is not part of the text.
                if !last_encoded && !out.is_empty() {
                    out.push(' ');
                }
                pending.extend(bytes);
                last_encoded = true;
            }
            None => {
                out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut pending)));
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
                last_encoded = false;
            }
        }
    }
    out.push_str(&String::from_utf8_lossy(&pending));
    out
}

pub fn encoded_word(word: &str) -> Option<Vec<u8>> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
    match encoding {
        "b" | "B" => Some(base64_decode(text)),
        "q" | "Q" => Some(q_decode(text)),
        _ => None,
    }
}

pub fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c).expect("base64") as u32;
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

pub fn q_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}
