//! MessageBox Lab, the browser app: a thin Yew shell over the `messagebox-engine` crate. The engine decides
//! everything; this crate renders its state and owns the browser's timers, storage, URLs and files.

pub mod app;
mod browser;
mod browser_share;
pub mod components;
mod file_read;
pub mod heap;
pub mod lab;
pub mod storage;
pub mod tutorial;

pub use app::App;
