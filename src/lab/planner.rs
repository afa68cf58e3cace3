//! The move planner's state in the lab: the application and target chosen, the engine's plan and the
//! comparison of the run's orders before and after the move. Plan and Compare run the engine on
//! copies; Apply records the plan's commands as the run's actions. A comparison runs the whole run
//! twice, so it is computed in slices (`compare_slice`, a few milliseconds per animation frame), with
//! progress and Cancel, like Run to end.

use super::compute::STEPS_PER_CHECK;
use super::{Action, Effect, Lab, Notice, Slice, Tab};
use messagebox_engine::plan::{
    bridge_bindings, plan_move, Comparing, Comparison, MovePlan, TimedCommand,
};
use messagebox_engine::world::Command;
use std::rc::Rc;

#[derive(Clone, Debug, Default)]
pub struct Planner {
    pub application: Option<String>,
    pub to: Option<String>,
    pub plan: Option<Result<Rc<MovePlan>, String>>,
    pub comparison: Option<Result<Rc<Comparison>, String>>,
    /// A comparison being computed.
    pub comparing: Option<Box<Comparing>>,
}

/// The planner's pickers: every application with its group, the one chosen, where it can go, the
/// target chosen (empty strings when there is none).
#[derive(Clone, Debug, PartialEq)]
pub struct PlannerChoice {
    pub applications: Vec<(String, String)>,
    pub application: String,
    pub targets: Vec<String>,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PlannerEdit {
    Application(String),
    To(String),
    Plan,
    Compare,
    CancelCompare,
    Apply,
    ExportBridge,
}

impl Lab {
    /// Every application with the group that holds it, in the groups' order.
    pub fn applications(&self) -> Vec<(String, String)> {
        self.group_order()
            .iter()
            .filter_map(|g| self.session.world.group(g))
            .flat_map(|g| {
                g.applications
                    .iter()
                    .map(|a| (a.name.clone(), g.name.clone()))
            })
            .collect()
    }

    pub(super) fn edit_planner(&mut self, edit: PlannerEdit) -> Vec<Effect> {
        match edit {
            PlannerEdit::Application(a) => self.planner.application = Some(a),
            PlannerEdit::To(g) => self.planner.to = Some(g),
            PlannerEdit::Plan => {
                self.planner.comparison = None;
                self.planner.comparing = None;
                self.planner.plan = Some(self.make_plan().map(Rc::new));
            }
            PlannerEdit::Compare => {
                self.planner.comparison = None;
                match self.start_comparing() {
                    Ok(c) => self.planner.comparing = Some(Box::new(c)),
                    Err(e) => self.planner.comparison = Some(Err(e)),
                }
            }
            PlannerEdit::CancelCompare => {
                if let Some(c) = self.planner.comparing.take() {
                    self.planner.comparison = Some(Err(format!(
                        "cancelled after {} steps ({:.0}% done).",
                        c.steps(),
                        c.progress() * 100.0
                    )));
                }
            }
            PlannerEdit::Apply => {
                self.planner.comparing = None;
                if let Some(Ok(plan)) = self.planner.plan.clone() {
                    self.act_all(plan.commands.clone());
                    if self.notice.as_ref().is_none_or(|n| !n.error) {
                        self.notice = Some(Notice {
                            text: format!(
                                "{} moved from {} to {} and bridged: {} actions recorded in the run.",
                                plan.application,
                                plan.from,
                                plan.to,
                                plan.commands.len()
                            ),
                            error: false,
                        });
                        self.planner.plan = None;
                        self.planner.comparison = None;
                        self.tab = Tab::Inspector;
                    }
                }
            }
            PlannerEdit::ExportBridge => return self.export_plan_bridge(),
        }
        Vec::new()
    }

    /// What the planner's pickers show: the application chosen (the first by default), the group it
    /// is in, the groups it can move to, and the target chosen among them (the first by default). A
    /// target left over from another application's choice that is now its own group is not kept.
    pub fn planner_choice(&self) -> PlannerChoice {
        let applications = self.applications();
        let picked = self
            .planner
            .application
            .as_ref()
            .and_then(|a| applications.iter().find(|(name, _)| name == a))
            .or_else(|| applications.first());
        let (application, from) = picked.cloned().unwrap_or_default();
        let targets: Vec<String> = self
            .group_order()
            .into_iter()
            .filter(|g| *g != from)
            .collect();
        let to = self
            .planner
            .to
            .clone()
            .filter(|g| targets.contains(g))
            .or_else(|| targets.first().cloned())
            .unwrap_or_default();
        PlannerChoice {
            applications,
            application,
            targets,
            to,
        }
    }

    fn chosen(&self) -> Result<(String, String), String> {
        let choice = self.planner_choice();
        if choice.application.is_empty() {
            return Err("no application to move".into());
        }
        if choice.to.is_empty() {
            return Err("there is no other group to move to".into());
        }
        Ok((choice.application, choice.to))
    }

    fn make_plan(&self) -> Result<MovePlan, String> {
        let (application, to) = self.chosen()?;
        plan_move(&self.session.world, &application, &to).map_err(|e| e.to_string())
    }

    /// Computes the comparison until `time_left` says the slice is over or it is done.
    pub fn compare_slice(&mut self, mut time_left: impl FnMut() -> bool) -> Slice {
        let Some(comparing) = self.planner.comparing.as_mut() else {
            return Slice::Idle;
        };
        loop {
            match comparing.advance(STEPS_PER_CHECK) {
                Ok(false) if time_left() => continue,
                Ok(false) => return Slice::Yielded,
                Ok(true) => {
                    self.planner.comparison = Some(Ok(Rc::new(comparing.finish())));
                    break;
                }
                Err(e) => {
                    self.planner.comparison = Some(Err(e));
                    break;
                }
            }
        }
        self.planner.comparing = None;
        Slice::Finished
    }

    /// The run from its start, with its actions up to now (imports, orders submitted, states changed)
    /// and the scenario's scripted orders, to its end without and with the move. The move is made right
    /// after the last action that changed the deployment (at the start if none did), so the orders
    /// submitted since run on both deployments: "the same orders before and after the move".
    fn start_comparing(&self) -> Result<Comparing, String> {
        let session = &self.session;
        let start = session
            .start_world()
            .ok_or("the run's start is not kept, so it cannot be run again")?;
        let (application, to) = self.chosen()?;
        let plan = plan_move(&session.world, &application, &to).map_err(|e| e.to_string())?;
        let actions: Vec<TimedCommand> = session
            .inputs()
            .iter()
            .take_while(|i| i.step <= session.steps)
            .map(|i| TimedCommand {
                step: i.step,
                command: i.command.clone(),
            })
            .collect();
        let move_after = actions
            .iter()
            .rposition(|a| !is_order(&a.command))
            .map_or(0, |i| i + 1);
        Ok(Comparing::new(start, &actions, move_after, &plan.commands))
    }

    fn export_plan_bridge(&mut self) -> Vec<Effect> {
        let Some(Ok(plan)) = self.planner.plan.clone() else {
            return Vec::new();
        };
        match bridge_bindings(&self.session.world, &plan) {
            Ok(b) => vec![
                Effect::Download {
                    file: format!("{}.{}.BindingInfo.xml", b.from, plan.bridge.send_port),
                    text: b.send_side,
                },
                Effect::Download {
                    file: format!("{}.{}.BindingInfo.xml", b.to, plan.bridge.receive_port),
                    text: b.receive_side,
                },
            ],
            Err(e) => {
                self.notice = Some(Notice {
                    text: format!("The bridge could not be exported: {e}"),
                    error: true,
                });
                Vec::new()
            }
        }
    }
}

/// Whether a recorded action only brings a message in (an order submitted, a context published),
/// leaving the deployment as it was.
fn is_order(command: &Command) -> bool {
    matches!(
        command,
        Command::Submit { .. } | Command::PublishContext { .. }
    )
}

/// The action for a planner edit.
pub fn planner(edit: PlannerEdit) -> Action {
    Action::Planner(edit)
}
