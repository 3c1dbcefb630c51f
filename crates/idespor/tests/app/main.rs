//! The suites that run Idéspor in the test's own process, in one test binary: each test on a
//! copy of the demo (see `common`), on SQLite and on PostgreSQL, driven through HTTP like a
//! browser or an API client. `scripts/test-all` runs this binary a second time with the
//! application's clock started on another day (`IDESPOR_TEST_NOW`). The suites that run the
//! `idespor` binary as a process (cli, faults, nodes) are binaries of their own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
#[path = "../common/mod.rs"]
mod common;

mod feeds_and_digests;
mod figures;
mod hostile;
mod http;
mod ideas;
mod moderation;
mod people;
mod privacy;
mod properties;
mod public;
mod recovery;
mod rounds;
mod setup;
mod sso;
mod two_factor;
mod way_back;
