//! The routing debugger: "Why didn't my message route?" A BizTalk binding file, a saved message context,
//! the user's property schemas and subscriber states, explained subscriber by subscriber with the
//! verdict BizTalk would reach. It takes the whole workspace (the canvas steps aside) and never changes
//! the simulation, except on purpose: Publish sends the context into the chosen group.

use super::debugger_answer::DebuggerAnswer;
use super::dispatch::use_dispatch;
use super::file_field::FileField;
use super::lab_ref::LabProps;
use crate::lab::debugger_form::{DebuggerEdit, SchemaInput};
use crate::lab::{Action, Tab};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[component]
pub fn Debugger(props: &LabProps) -> Html {
    let on = use_dispatch();
    let edit =
        move |f: fn(String) -> DebuggerEdit| on.reform(move |t: String| Action::Debugger(f(t)));
    let on = use_dispatch();
    let file = |f: fn(String, String) -> DebuggerEdit| {
        on.reform(move |r: Result<(String, String), String>| {
            Action::Debugger(match r {
                Ok((name, text)) => f(name, text),
                Err(e) => DebuggerEdit::FileError(e),
            })
        })
    };
    let lab = props.lab.lab.borrow();
    let form = &lab.debugger;
    let group = lab.debugger_group();
    let groups = lab.session.world.groups.keys().cloned().collect::<Vec<_>>();
    let choose_group = on.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Debugger(DebuggerEdit::Group(select.value()))
    });
    let states = on.reform(|e: InputEvent| {
        let a: HtmlTextAreaElement = e.target_unchecked_into();
        Action::Debugger(DebuggerEdit::States(a.value()))
    });
    let case_sensitive = on.reform(|e: Event| {
        let i: HtmlInputElement = e.target_unchecked_into();
        Action::Debugger(DebuggerEdit::CaseSensitive(i.checked()))
    });
    let schemas = form.schemas.iter().enumerate().map(|(i, s)| {
        html! {
            <li data-testid="debugger-schema">
                { s.name.clone() }
                <button class="link" aria-label={format!("Remove {}", s.name)}
                        onclick={on.reform(move |_| Action::Debugger(DebuggerEdit::RemoveSchema(i)))}>{ "remove" }</button>
            </li>
        }
    });
    let publish = form.publish_command(&group);
    html! {
        <section class="debugger wide-view" data-testid="debugger" aria-label="Routing debugger">
            <header class="wide-head">
                <h2>{ "Why didn't my message route?" }</h2>
                <button data-testid="btn-back-to-canvas" onclick={on.reform(|_| Action::Tab(Tab::Inspector))}>{ "Back to the canvas" }</button>
            </header>
            <p class="hint">{ "Give a BizTalk binding file and a message context saved from the Administration console (Message Flow → Save to file). Every send port, send port group and orchestration bound to a receive port is explained against the context, with the verdict BizTalk would reach. Nothing in the simulation changes unless you publish." }</p>
            <div class="debugger-grid">
                <div class="debugger-inputs">
                    <label class="group-picker">{ "Read with the schemas deployed in " }
                        <select onchange={choose_group} data-testid="debugger-group">
                            { for groups.iter().map(|g| html! { <option value={g.clone()} selected={*g == group}>{ g.clone() }</option> }) }
                        </select>
                    </label>
                    <FileField label="Binding file" testid="debugger-bindings" accept=".xml"
                        text={AttrValue::from(form.bindings.clone())} from={form.bindings_from.clone().map(AttrValue::from)}
                        placeholder="<BindingInfo> … </BindingInfo>"
                        on_text={edit(DebuggerEdit::Bindings)} on_file={file(DebuggerEdit::BindingsFile)} />
                    <FileField label="Message context" testid="debugger-context" accept=".xml"
                        text={AttrValue::from(form.context.clone())} from={form.context_from.clone().map(AttrValue::from)}
                        placeholder="<MessageInfo><ContextInfo><Property Name=… Namespace=… Value=… /> …"
                        on_text={edit(DebuggerEdit::Context)} on_file={file(DebuggerEdit::ContextFile)} />
                    <FileField label="Property schemas (.xsd), optional" testid="debugger-schemas" accept=".xsd,.xml" multiple={true}
                        text="" rows={2} placeholder="Choose or drop your property schemas; the ones already deployed in the group are read anyway"
                        on_text={Callback::noop()}
                        on_file={on.reform(|r: Result<(String, String), String>| Action::Debugger(match r {
                            Ok((name, text)) => DebuggerEdit::AddSchema(SchemaInput { name, text }),
                            Err(e) => DebuggerEdit::FileError(e),
                        }))} />
                    if !form.schemas.is_empty() {
                        <ul class="schema-list">{ for schemas }</ul>
                    }
                    <label class="states">
                        <span class="field-label">{ "Subscriber states, optional (one per line)" }</span>
                        <textarea rows="3" data-testid="debugger-states" value={form.states.clone()} oninput={states}
                                  spellcheck="false" placeholder={"Billing-SP = Stopped\nArchive-SP = Unenlisted"} />
                        <span class="hint">{ "Send ports are taken as started: a binding file does not say. Orchestrations take the state the file gives." }</span>
                    </label>
                    <label class="inline"><input type="checkbox" checked={form.case_sensitive} onchange={case_sensitive} data-testid="debugger-case" />
                        { " Compare text case-sensitively (BizTalk's default collation is case-insensitive)" }</label>
                    <div class="debugger-actions">
                        <button class="primary" data-testid="btn-explain" onclick={on.reform(|_| Action::Debugger(DebuggerEdit::Explain))}>{ "Explain" }</button>
                        <button data-testid="btn-publish-context" disabled={publish.is_none()}
                                title="Publish a message with this context into the group and watch it route on the canvas"
                                onclick={on.reform(move |_| publish.clone().map(Action::Act).unwrap_or(Action::Notice("Give a message context first.".into())))}>
                            { format!("Publish into {group}") }
                        </button>
                    </div>
                    <details class="body-input">
                        <summary>{ "Message body to publish with it (optional)" }</summary>
                        <FileField label="Body" testid="debugger-body" accept=".xml,.txt" rows={3}
                            text={AttrValue::from(form.body.clone())} placeholder="<Order> … </Order>"
                            on_text={edit(DebuggerEdit::Body)}
                            on_file={on.reform(|r: Result<(String, String), String>| Action::Debugger(match r {
                                Ok((_, text)) => DebuggerEdit::Body(text),
                                Err(e) => DebuggerEdit::FileError(e),
                            }))} />
                    </details>
                </div>
                <DebuggerAnswer lab={props.lab.clone()} />
            </div>
        </section>
    }
}
