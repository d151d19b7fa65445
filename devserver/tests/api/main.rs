//! Host tests of the reference server: exact status codes and JSON bodies.

mod common;

mod auth;
mod control;
mod list;
mod login;
mod misc;
