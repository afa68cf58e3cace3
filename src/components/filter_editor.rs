//! The filter editor: BizTalk-style rows (property, operator, value, And/Or) beside the text notation,
//! both editable and kept in sync through the engine's filter model; live validation with the engine's
//! messages; a live preview over the latest published messages; Apply replaces the subscription.

use super::dispatch::use_dispatch;
use super::lab_ref::LabRef;
use crate::lab::explain_text::short_name;
use crate::lab::filter_edit::{
    blank_row, own_filter, preview, property_names, rows_to_text, text_to_rows, PREVIEW_SIZE,
};
use crate::lab::marks::message_mark;
use crate::lab::Action;
use crate::lab::Selection;
use messagebox_engine::filter::{Filter, FilterRow, GroupBy};
use messagebox_engine::messagebox::{MessageBox, Owner};
use messagebox_engine::world::Command;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterEditorProps {
    pub lab: LabRef,
    pub group: String,
    pub owner: Owner,
}

/// The editor's own state: the rows and the text as typed, the last filter both agreed on, and the
/// engine's complaint about whichever side was edited last.
#[derive(Clone, Default, PartialEq)]
pub struct Draft {
    pub rows: Vec<FilterRow>,
    pub text: String,
    pub filter: Option<Filter>,
    pub error: Option<String>,
}

impl Draft {
    pub fn of(filter: Filter, mb: &MessageBox) -> Self {
        Self {
            rows: shorten(filter.to_rows(), mb),
            text: filter.to_orchestration(mb.schema()),
            filter: Some(filter),
            error: None,
        }
    }

    /// The rows changed: the text follows when the rows are valid.
    pub fn with_rows(&self, rows: Vec<FilterRow>, mb: &MessageBox) -> Self {
        match rows_to_text(&rows, mb) {
            Ok((filter, text)) => Self {
                rows,
                text,
                filter: Some(filter),
                error: None,
            },
            Err(e) => Self {
                rows,
                text: self.text.clone(),
                filter: None,
                error: Some(format!("Rows: {e}")),
            },
        }
    }

    /// The text changed: the rows follow when the text parses.
    pub fn with_text(&self, text: String, mb: &MessageBox) -> Self {
        match text_to_rows(&text, mb) {
            Ok((filter, rows)) => Self {
                rows: shorten(rows, mb),
                text,
                filter: Some(filter),
                error: None,
            },
            Err(e) => Self {
                rows: self.rows.clone(),
                text,
                filter: None,
                error: Some(format!("Text: {e}")),
            },
        }
    }
}

fn shorten(rows: Vec<FilterRow>, mb: &MessageBox) -> Vec<FilterRow> {
    rows.into_iter()
        .map(|mut r| {
            r.property = short_name(&r.property, mb.schema());
            r
        })
        .collect()
}

const OPERATORS: &[&str] = &["==", "!=", "<", "<=", ">", ">=", "Exists"];

/// Finds the subscriber being edited. It can disappear while the editor is open (its application
/// removed, or the run scrubbed back before it existed): then the editor says so instead of editing.
#[component]
pub fn FilterEditor(props: &FilterEditorProps) -> Html {
    let lab = props.lab.lab.borrow();
    let current = lab
        .session
        .world
        .group(&props.group)
        .and_then(|g| own_filter(&g.messagebox, &props.owner));
    match current {
        Some(current) => html! {
            <OpenFilterEditor lab={props.lab.clone()} group={props.group.clone()}
                              owner={props.owner.clone()} {current} />
        },
        None => html! {
            <section class="filter-editor" data-testid="filter-editor-gone" aria-label="Filter editor">
                <h3>{ "Filter" }</h3>
                <p class="hint" role="status">
                    { format!("This subscriber no longer exists: {} is not in {} at this point of the run, \
                               so there is no filter to edit.", props.owner, props.group) }
                </p>
            </section>
        },
    }
}

#[derive(Properties, PartialEq)]
struct OpenProps {
    lab: LabRef,
    group: String,
    owner: Owner,
    /// The subscriber's filter in the engine now.
    current: Filter,
}

/// The editor of a subscriber that exists. Its hooks come before anything that can return early, as
/// the rules of hooks require.
#[component]
fn OpenFilterEditor(props: &OpenProps) -> Html {
    let on = use_dispatch();
    let draft = {
        let lab = props.lab.lab.borrow();
        let mb = lab.session.world.group(&props.group).map(|g| &g.messagebox);
        let current = props.current.clone();
        use_state(move || mb.map(|mb| Draft::of(current, mb)).unwrap_or_default())
    };
    let lab = props.lab.lab.borrow();
    let Some(mb) = lab.session.world.group(&props.group).map(|g| &g.messagebox) else {
        return html! {};
    };
    let current = &props.current;
    // Callbacks read the MessageBox when they run, rather than holding a copy of it.
    let with_mb = {
        let lab = props.lab.lab.clone();
        let group = props.group.clone();
        move |f: &dyn Fn(&MessageBox)| {
            if let Some(g) = lab.borrow().session.world.group(&group) {
                f(&g.messagebox)
            }
        }
    };
    let set_rows = {
        let draft = draft.clone();
        let with_mb = with_mb.clone();
        move |rows: Vec<FilterRow>| with_mb(&|mb| draft.set(draft.with_rows(rows.clone(), mb)))
    };
    let ontext = {
        let draft = draft.clone();
        let with_mb = with_mb.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            with_mb(&|mb| draft.set(draft.with_text(area.value(), mb)));
        })
    };
    let rows = draft.rows.iter().enumerate().map(|(i, row)| {
        let edit = |update: fn(&mut FilterRow, String)| {
            let set_rows = set_rows.clone();
            let rows = draft.rows.clone();
            move |value: String| {
                let mut rows = rows.clone();
                update(&mut rows[i], value);
                set_rows(rows);
            }
        };
        let property = edit(|r, v| r.property = v);
        let operator = edit(|r, v| r.operator = v);
        let value = edit(|r, v| r.value = v);
        let group_by = edit(|r, v| r.group_by = if v == "Or" { GroupBy::Or } else { GroupBy::And });
        let remove = {
            let set_rows = set_rows.clone();
            let rows = draft.rows.clone();
            Callback::from(move |_: MouseEvent| {
                let mut rows = rows.clone();
                rows.remove(i);
                set_rows(rows);
            })
        };
        html! {
            <tr data-testid="filter-row">
                <td><input list="filter-properties" aria-label={format!("Row {} property", i + 1)} value={row.property.clone()}
                           oninput={Callback::from(move |e: InputEvent| property(e.target_unchecked_into::<HtmlInputElement>().value()))} /></td>
                <td><select aria-label={format!("Row {} operator", i + 1)}
                            onchange={Callback::from(move |e: Event| operator(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                    { for OPERATORS.iter().map(|op| html! { <option value={*op} selected={row.operator == *op}>{ *op }</option> }) }
                </select></td>
                <td><input aria-label={format!("Row {} value", i + 1)} value={row.value.clone()}
                           oninput={Callback::from(move |e: InputEvent| value(e.target_unchecked_into::<HtmlInputElement>().value()))} /></td>
                <td><select aria-label={format!("Row {} group by", i + 1)}
                            onchange={Callback::from(move |e: Event| group_by(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                    <option value="And" selected={row.group_by == GroupBy::And}>{ "And" }</option>
                    <option value="Or" selected={row.group_by == GroupBy::Or}>{ "Or" }</option>
                </select></td>
                <td><button aria-label={format!("Remove row {}", i + 1)} onclick={remove}>{ "−" }</button></td>
            </tr>
        }
    });
    let add = {
        let set_rows = set_rows.clone();
        let rows = draft.rows.clone();
        Callback::from(move |_: MouseEvent| {
            let mut rows = rows.clone();
            rows.push(blank_row());
            set_rows(rows);
        })
    };
    let revert = {
        let draft = draft.clone();
        let current = current.clone();
        Callback::from(move |_: MouseEvent| {
            with_mb(&|mb| draft.set(Draft::of(current.clone(), mb)))
        })
    };
    let apply = {
        let (group, owner, text) = (props.group.clone(), props.owner.clone(), draft.text.clone());
        on.reform(move |_| {
            Action::Act(Command::SetFilter {
                group: group.clone(),
                owner: owner.clone(),
                filter: text.clone(),
            })
        })
    };
    let changed = draft.filter.as_ref() != Some(current);
    let matches = draft
        .filter
        .as_ref()
        .map(|f| preview(&lab.session.world, &props.group, &props.owner, f))
        .unwrap_or_default();
    let hits = matches.iter().filter(|(_, m)| *m).count();
    let chips = matches.iter().map(|(id, hit)| {
        let label = lab
            .session
            .world
            .find_message(&props.group, *id)
            .map(|m| message_mark(m).label)
            .unwrap_or_default();
        let sel = Selection::Message {
            group: props.group.clone(),
            id: id.0,
        };
        html! {
            <li class={classes!(if *hit { "hit" } else { "miss" })}>
                <button class="link" onclick={on.reform(move |_| Action::Select(sel.clone()))}>
                    { format!("{} #{} {label}", if *hit { "✓" } else { "✗" }, id.0) }
                </button>
            </li>
        }
    });
    html! {
        <section class="filter-editor" data-testid="filter-editor" aria-label="Filter editor">
            <h3>{ "Filter" }</h3>
            <datalist id="filter-properties">
                { for property_names(mb).iter().map(|n| html! { <option value={short_name(n, mb.schema())} /> }) }
            </datalist>
            <table class="filter-rows">
                <thead><tr><th>{ "Property" }</th><th>{ "Operator" }</th><th>{ "Value" }</th><th>{ "Group by" }</th><th /></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <button onclick={add}>{ "+ Row" }</button>
            <label class="filter-text-label">
                { "As text (orchestration notation; rows or binding-file XML are accepted too)" }
                <textarea data-testid="filter-text" rows="3" value={draft.text.clone()} oninput={ontext} spellcheck="false" />
            </label>
            if let Some(e) = &draft.error {
                <p class="error" role="alert" data-testid="filter-error">{ e.clone() }</p>
            } else {
                <p class="ok" data-testid="filter-ok">{ "Valid." }</p>
            }
            <div class="actions">
                <button data-testid="btn-apply-filter" disabled={draft.filter.is_none() || !changed} onclick={apply}>{ "Apply" }</button>
                <button disabled={!changed && draft.error.is_none()} onclick={revert}>{ "Revert" }</button>
            </div>
            <p data-testid="filter-preview-summary">
                { format!("Preview: {hits} of the last {} published messages would match (of up to {PREVIEW_SIZE}).", matches.len()) }
            </p>
            <ul class="preview" data-testid="filter-preview">{ for chips }</ul>
        </section>
    }
}
