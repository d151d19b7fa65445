//! Empty: the suite is `tests/e2e.rs` (see the README, "End-to-end suite").
