//! One input of the debugger: a file chosen or dropped, or text pasted. A big file is not put into the
//! text box (a browser lays out every line of a textarea); the box then says what was loaded.

use crate::file_read::{dropped_files, read_files};
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Above this many bytes a loaded text is summarised instead of shown.
const SHOWN_BYTES: usize = 64 * 1024;

#[derive(Properties, PartialEq)]
pub struct FileFieldProps {
    pub label: AttrValue,
    /// `{testid}` is the text box, `{testid}-file` the file input.
    pub testid: AttrValue,
    pub accept: AttrValue,
    #[prop_or_default]
    pub multiple: bool,
    /// The current text (shown when small) and the file it came from.
    pub text: AttrValue,
    #[prop_or_default]
    pub from: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or(4)]
    pub rows: u32,
    /// Text pasted or typed.
    pub on_text: Callback<String>,
    /// A file read: its name and text, or why it could not be read.
    pub on_file: Callback<Result<(String, String), String>>,
}

#[component]
pub fn FileField(props: &FileFieldProps) -> Html {
    let over = use_state(|| false);
    let read = {
        let on_file = props.on_file.clone();
        move |files: web_sys::FileList| {
            let on_file = on_file.clone();
            read_files(files, move |r| on_file.emit(r));
        }
    };
    let onchange = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read(files);
            }
            // The same file can be chosen again after an edit.
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            // Not also a scenario dropped on the page.
            e.stop_propagation();
            over.set(false);
            if let Some(files) = dropped_files(&e) {
                read(files);
            }
        })
    };
    let oninput = {
        let on_text = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_text.emit(area.value());
        })
    };
    let big = props.text.len() > SHOWN_BYTES;
    let summary = match (&props.from, big) {
        (Some(name), _) => Some(format!("{name}: {}", size_text(props.text.len()))),
        (None, true) => Some(format!("Pasted text: {}", size_text(props.text.len()))),
        (None, false) => None,
    };
    let shown = if big {
        AttrValue::default()
    } else {
        props.text.clone()
    };
    let testid = props.testid.clone();
    html! {
        <div class={classes!("file-field", (*over).then_some("drag-over"))}
             {ondragover} {ondragleave} {ondrop}>
            <label>
                <span class="field-label">{ props.label.clone() }</span>
                <input type="file" accept={props.accept.clone()} multiple={props.multiple}
                       data-testid={format!("{testid}-file")} {onchange} />
            </label>
            if let Some(summary) = summary {
                <p class="loaded" data-testid={format!("{testid}-loaded")}>{ summary }</p>
            }
            <textarea rows={props.rows.to_string()} data-testid={testid} value={shown} {oninput}
                      spellcheck="false" aria-label={props.label.clone()}
                      placeholder={if big { AttrValue::from("Paste here to replace it") } else { props.placeholder.clone() }} />
            <p class="drop-hint">{ "or drop a file here" }</p>
        </div>
    }
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}
