//! Reading files the user chose or dropped (several at once), with the same size limit and text
//! decoding as every import. Each file is answered separately: one unreadable file does not lose the
//! others.

use crate::browser::MAX_IMPORT_BYTES;

/// Reads every file of `files` as text (UTF-8 or UTF-16 with its byte order mark) and calls `done` once
/// per file with `(name, text)` or the reason it could not be read.
pub fn read_files(
    files: web_sys::FileList,
    done: impl Fn(Result<(String, String), String>) + 'static,
) {
    let done = std::rc::Rc::new(done);
    for i in 0..files.length() {
        let Some(file) = files.get(i) else {
            continue;
        };
        let file = gloo_file::File::from(file);
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES {
            done(Err(format!(
                "{name} is {:.1} MB; files up to {} MB are read",
                file.size() as f64 / 1_048_576.0,
                MAX_IMPORT_BYTES / 1_048_576
            )));
            continue;
        }
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            done(match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => messagebox_engine::import::decode(&bytes)
                    .map(|text| (name.clone(), text))
                    .map_err(|e| format!("{name}: {e}")),
                Err(e) => Err(format!("{name} could not be read: {e}")),
            });
        });
    }
}

/// The files of a drop, if it carried any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Option<web_sys::FileList> {
    event.data_transfer()?.files()
}
