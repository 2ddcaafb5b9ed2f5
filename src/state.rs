//! State the steps share, provided as context by the app. Each mounted widget has its own.

use leptos::prelude::*;
use shopper_types::api::{Offer, UtilitySummary};

use crate::api::RequestError;
use crate::signing_return::SigningEvent;

/// The three steps of the flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Prices,
    Details,
    Sign,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Prices, Step::Details, Step::Sign];

    pub fn number(self) -> usize {
        match self {
            Step::Prices => 1,
            Step::Details => 2,
            Step::Sign => 3,
        }
    }
}

/// The offer the customer chose, with the utility and ZIP code it was priced for.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub offer: Offer,
    pub utility: UtilitySummary,
    pub zip: String,
    pub state: String,
}

/// The phase of step 3.
#[derive(Clone, Debug, PartialEq)]
pub enum SigningPhase {
    /// The contract is created; the customer can read it and click "Sign now".
    Review,
    /// Minting a signing session and leaving for the signing page.
    Opening,
    /// The signing session could not be opened.
    Failed(RequestError),
    /// The contract's price expired before signing. The offer at today's price waits for the
    /// customer to accept it.
    NewPrice(Offer),
    /// Moving the contract to the accepted new price.
    Repricing,
    /// The customer opens the signing page with a link, because the redirect failed.
    Link { url: String },
    /// The signing page is open in a popup window.
    InPopup,
    /// The customer closed the popup window before finishing.
    PopupClosed,
    /// The customer came back from the signing page.
    Returned(SigningEvent),
}

/// The flow's position and the values that carry from one step to the next.
#[derive(Clone, Copy)]
pub struct Flow {
    pub step: RwSignal<Step>,
    pub choice: RwSignal<Option<Choice>>,
    /// The contract being signed or followed.
    pub contract_id: RwSignal<Option<String>>,
    pub signing: RwSignal<SigningPhase>,
}

impl Flow {
    pub fn new() -> Flow {
        Flow {
            step: RwSignal::new(Step::Prices),
            choice: RwSignal::new(None),
            contract_id: RwSignal::new(None),
            signing: RwSignal::new(SigningPhase::Review),
        }
    }

    /// Goes back to step 1 and clears the contract, keeping what the customer typed.
    pub fn start_over(&self) {
        self.contract_id.set(None);
        self.choice.set(None);
        self.step.set(Step::Prices);
    }
}
