//! Reading files the user chose or dropped (one or several at once), with the same size limit and text
//! decoding as every import. Each file is answered separately: one unreadable file does not lose the
//! others.

/// Imports larger than this are refused before reading (design.md: size limits on imports). A 20,000-port
/// binding file is about 10 MB; files of about 60 MB were measured in the README.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads one file as text (UTF-8 or UTF-16 with its byte order mark), refusing it before reading when it
/// is above the limit, and calls `done` with `(name, text)` or the reason it could not be read.
fn read_file(file: web_sys::File, done: impl FnOnce(Result<(String, String), String>) + 'static) {
    let file = gloo_file::File::from(file);
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        done(Err(format!(
            "{name} is {:.1} MB; files up to {} MB are read",
            file.size() as f64 / 1_048_576.0,
            MAX_IMPORT_BYTES / 1_048_576
        )));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        done(match gloo_file::futures::read_as_bytes(&file).await {
            Ok(bytes) => messagebox_engine::import::decode(&bytes)
                .map(|text| (name.clone(), text))
                .map_err(|e| format!("{name}: {e}")),
            Err(e) => Err(format!("{name} could not be read: {e}")),
        });
    });
}

/// Reads every file of `files`, calling `done` once per file.
pub fn read_files(
    files: web_sys::FileList,
    done: impl Fn(Result<(String, String), String>) + 'static,
) {
    let done = std::rc::Rc::new(done);
    for file in (0..files.length()).filter_map(|i| files.get(i)) {
        let done = done.clone();
        read_file(file, move |read| done(read));
    }
}

/// Reads the file chosen in a file input (the first, if several), then calls `done`.
pub fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(Result<(String, String), String>) + 'static,
) {
    if let Some(file) = input.files().and_then(|f| f.get(0)) {
        read_file(file, done);
    }
}

/// The files of a drop, if it carried any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Option<web_sys::FileList> {
    event.data_transfer()?.files()
}
