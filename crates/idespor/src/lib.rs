//! The Idéspor binary's library: configuration, start-up, the demo community and the
//! command-line tasks. `main.rs` only parses the command line and calls into here; tests build
//! the same application through [`startup`].

pub mod backup;
pub mod bench_digest;
pub mod bench_privacy;
pub mod config;
pub mod demo;
pub mod demo_ideas;
pub mod demo_meetings;
pub mod demo_time;
pub mod import;
pub mod seed;
pub mod startup;
pub mod telemetry;
