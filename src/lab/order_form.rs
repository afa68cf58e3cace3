//! The CSR order form's values, their validation and the commands they become (domain.md 6.2, 6.3):
//! customer, order, sequence number, service type code, and a burst of copies for load. Values are
//! escaped into the XML, so any text (even markup) arrives as text.

use messagebox_engine::bpm::csr_request;
use messagebox_engine::property::PROMOTED_VALUE_CAP;
use messagebox_engine::world::Command;

/// The OrderTypeCode values of domain.md 6.3, and the demo's broadband codes NB and XB (10.3), which the
/// broker marks BROADBANDORDER for the BroadbandOrderManager.
pub const TYPE_CODES: &[(&str, &str)] = &[
    ("NS", "new standard: a cable order"),
    ("ND", "new deluxe: a cable order"),
    ("XS", "cancel standard: a cable order"),
    ("XD", "cancel deluxe: a cable order"),
    ("CS", "change standard: a cable order"),
    ("CD", "change deluxe: a cable order"),
    ("NB", "new broadband: a broadband order"),
    ("XB", "cancel broadband: a broadband order"),
    ("UNKNOWN", "unknown: no manager takes it"),
];

/// The most orders one burst submits: a 5,000-order run fits the page's memory (tests/session_memory.rs).
pub const MAX_BURST: u32 = 5_000;

/// What the copies of a burst are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BurstKind {
    /// Order ids counting up from the form's: the usual load test, one OrderManager each.
    #[default]
    Distinct,
    /// Duplicates of one order: one OrderManager, the rest rejected as duplicates (domain.md 1.6).
    Identical,
}

impl BurstKind {
    pub fn value(self) -> &'static str {
        match self {
            Self::Distinct => "distinct",
            Self::Identical => "identical",
        }
    }

    pub fn parse(value: &str) -> Self {
        match value {
            "identical" => Self::Identical,
            _ => Self::Distinct,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrderForm {
    pub customer: String,
    pub order: String,
    pub seq: String,
    pub code: String,
    pub burst: String,
    pub kind: BurstKind,
    pub location: String,
}

impl Default for OrderForm {
    fn default() -> Self {
        Self {
            customer: "1".into(),
            order: "1".into(),
            seq: "1".into(),
            code: "NS".into(),
            burst: "1".into(),
            kind: BurstKind::Distinct,
            location: String::new(),
        }
    }
}

pub fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Checks the form; the error names the field. Returns the sequence number and the number of copies.
pub fn validate(form: &OrderForm) -> Result<(u32, u32), String> {
    for (field, value) in [("Customer ID", &form.customer), ("Order ID", &form.order)] {
        if value.trim().is_empty() {
            return Err(format!("{field} is required"));
        }
        if value.chars().count() > PROMOTED_VALUE_CAP {
            return Err(format!(
                "{field} is longer than {PROMOTED_VALUE_CAP} characters, the limit for a promoted property"
            ));
        }
    }
    let seq: u32 = form
        .seq
        .trim()
        .parse()
        .map_err(|_| "Sequence number must be a whole number of 0 or more".to_string())?;
    let burst: u32 = form
        .burst
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_BURST).contains(n))
        .ok_or(format!("Copies must be between 1 and {MAX_BURST}"))?;
    if !TYPE_CODES.iter().any(|(c, _)| *c == form.code) {
        return Err("Choose a service type code".into());
    }
    if burst > 1 && form.kind == BurstKind::Distinct {
        let last = order_id(form.order.trim(), burst as usize - 1)
            .ok_or("Order ID: the burst's order ids would count past the largest number")?;
        if last.chars().count() > PROMOTED_VALUE_CAP {
            return Err(format!(
                "Order ID: the burst's last order id, {last}, is longer than {PROMOTED_VALUE_CAP} characters"
            ));
        }
    }
    Ok((seq, burst))
}

/// The order id of the `i`th distinct copy: the first is the text as typed; after it a number counts up
/// from itself (keeping its width, so 007 gives 008), other text gets `-i`. None past the largest number.
fn order_id(first: &str, i: usize) -> Option<String> {
    if i == 0 {
        return Some(first.to_string());
    }
    match first.parse::<u64>() {
        Ok(n) if first.bytes().all(|b| b.is_ascii_digit()) => {
            let next = n.checked_add(i as u64)?;
            Some(format!("{next:0width$}", width = first.len()))
        }
        _ => Some(format!("{first}-{i}")),
    }
}

/// The Submit (status NEW) or Terminate (status TERMINATE) commands for the form, one per copy, with
/// request ids following `first_request`.
pub fn commands(
    form: &OrderForm,
    group: &str,
    location: &str,
    terminate: bool,
    first_request: usize,
) -> Result<Vec<Command>, String> {
    let (seq, burst) = validate(form)?;
    let order = form.order.trim();
    Ok((0..burst as usize)
        .map(|i| {
            let order = match form.kind {
                // Validated above: every id of the burst exists.
                BurstKind::Distinct => order_id(order, i).unwrap_or_default(),
                BurstKind::Identical => order.to_string(),
            };
            Command::Submit {
                group: group.to_string(),
                location: location.to_string(),
                body: csr_request(
                    &format!("R-{}", first_request + i),
                    &escape_xml(form.customer.trim()),
                    &escape_xml(&order),
                    seq,
                    &form.code,
                    if terminate { "TERMINATE" } else { "NEW" },
                ),
            }
        })
        .collect())
}

/// How many orders this path's user has submitted (request ids carry on from it).
pub fn submitted(inputs: &[super::session::Input]) -> usize {
    inputs
        .iter()
        .filter(|i| matches!(i.command, Command::Submit { .. }))
        .count()
}
