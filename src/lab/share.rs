//! A run shared by link: the scenario (its shipped file name or lesson), the recorded actions and the
//! position, as JSON, deflated (`miniz_oxide`) and in URL-safe base64 in the fragment `#/run/<data>`.
//! The engine is deterministic, so opening the link replays to the same step. No web types: encoding
//! and decoding are tested natively.

use super::saved::{SavedLab, View};
use super::{Lab, Notice};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The fragment that carries a shared run.
pub const RUN_PREFIX: &str = "#/run/";
/// Links longer than this are not offered (some mail and chat tools cut them); the run's file is.
pub const LINK_LIMIT: usize = 8 * 1024;
/// A link never inflates past this (a crafted link cannot take the page's memory).
const INFLATED_LIMIT: usize = 64 * 1024 * 1024;

/// What Copy link produced: the fragment, or why not.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareLink {
    Link(String),
    /// The fragment would be this many bytes.
    TooLong(usize),
}

/// The fragment for a saved lab (its view is left out: positions belong to who arranged them).
pub fn encode(saved: &SavedLab) -> String {
    let shared = SavedLab {
        view: View::default(),
        ..saved.clone()
    };
    let json = shared.to_json();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{RUN_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The saved lab's text a fragment carries; errors say what is wrong with the link.
pub fn decode(fragment: &str) -> Result<String, String> {
    let data = fragment
        .strip_prefix(RUN_PREFIX)
        .ok_or("it is not a link to a run")?;
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim())
        .map_err(|e| format!("the link is damaged (not URL-safe base64: {e})"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, INFLATED_LIMIT)
        .map_err(|e| format!("the link is damaged (it does not inflate: {e:?})"))?;
    String::from_utf8(json).map_err(|_| "the link is damaged (not UTF-8 text)".to_string())
}

impl Lab {
    /// The link to this run at this step, or its size when too long.
    pub fn share_link(&self) -> ShareLink {
        let fragment = encode(&self.saved());
        if fragment.len() > LINK_LIMIT {
            ShareLink::TooLong(fragment.len())
        } else {
            ShareLink::Link(fragment)
        }
    }

    /// Opens a shared run in place of this one. The run it replaces is kept for download (the notice
    /// offers it), so following a link never loses work silently.
    pub fn open_shared(&mut self, fragment: &str) {
        let opened = decode(fragment).and_then(|text| {
            let lab = Lab::restore_or_default(Some(text))?;
            Ok(lab)
        });
        match opened {
            Ok(mut lab) if lab.notice.as_ref().is_none_or(|n| !n.error) => {
                let previous = self.saved().to_json();
                let had_work = !self.session.inputs().is_empty() || self.session.steps > 0;
                lab.progress = std::mem::take(&mut self.progress);
                lab.area = self.area;
                lab.view = std::mem::take(&mut self.view);
                let s = &lab.session;
                lab.notice = Some(Notice {
                    text: format!(
                        "Opened a shared run at step {} of {}{}",
                        s.steps,
                        s.horizon,
                        if had_work {
                            ". It replaces your run: download yours to keep it."
                        } else {
                            "."
                        }
                    ),
                    error: false,
                });
                if had_work {
                    lab.unrestored = Some(previous);
                }
                self.carry_page_to(&mut lab);
                *self = lab;
            }
            Ok(lab) => {
                let reason = lab.notice.map(|n| n.text).unwrap_or_default();
                self.notice = Some(Notice {
                    text: format!(
                        "The shared run could not be opened; yours is unchanged. {reason}"
                    ),
                    error: true,
                });
            }
            Err(reason) => {
                self.notice = Some(Notice {
                    text: format!(
                        "The shared run could not be opened ({reason}); yours is unchanged."
                    ),
                    error: true,
                });
            }
        }
    }
}
