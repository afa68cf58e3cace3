//! The browser's store for the saved lab: IndexedDB through `rexie`, as records (`lab::saved_records`)
//! so a save writes what changed. A save from before (local storage) is moved over on first load, and
//! local storage stays the fallback where IndexedDB cannot be opened. Writes run one at a time; a save
//! asked for while one is written replaces any other waiting save.
//!
//! IndexedDB answers later, and a page that goes away (a reload) does not wait for it: when the page is
//! hidden with a save not yet written, the lab is also written to local storage at once, as a journal
//! (up to `JOURNAL_BYTES`). The next load prefers the journal and moves it into IndexedDB; a later
//! IndexedDB write of the same or a newer save removes it.

use crate::lab::saved::SavedLab;
use crate::lab::saved_records::{join_records, plan_save, save_error_text, SavePlan};
use crate::lab::session::Input;
use rexie::{ObjectStore, Rexie, TransactionMode};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;

const DB: &str = "messagebox-lab";
const SESSION: &str = "session";
const INPUTS: &str = "inputs";
const HEADER: &str = "header";
/// A save larger than this is not journalled in local storage (its quota is about 5 MB).
const JOURNAL_BYTES: usize = 2 * 1024 * 1024;

pub struct Store {
    db: Option<Rexie>,
    /// Why IndexedDB is not used, when it is not.
    pub fallback: Option<String>,
    /// The actions the store holds, in order (to write only what changed).
    written: RefCell<Vec<Input>>,
    busy: Cell<bool>,
    waiting: RefCell<Option<(SavedLab, u64)>>,
    /// Saves asked for so far (each save's number).
    asked: Cell<u64>,
    /// The number of the save journalled in local storage, if one is.
    journal: Cell<Option<u64>>,
}

/// What the app starts from.
pub struct Loaded {
    pub store: Rc<Store>,
    pub text: Option<String>,
}

fn idb_error(e: rexie::Error) -> String {
    match e {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

async fn open_db() -> Result<Rexie, String> {
    Rexie::builder(DB)
        .version(1)
        .add_object_store(ObjectStore::new(SESSION))
        .add_object_store(ObjectStore::new(INPUTS))
        .build()
        .await
        .map_err(idb_error)
}

/// Reads the saved lab: from IndexedDB, else (once) from local storage, moving it over.
pub async fn load() -> Loaded {
    let db = match open_db().await {
        Ok(db) => db,
        Err(reason) => {
            let store = Store::new(None, Some(reason));
            return Loaded {
                store: Rc::new(store),
                text: crate::browser::load(),
            };
        }
    };
    let store = Rc::new(Store::new(Some(db), None));
    // A journal (or an earlier version's save) in local storage is newer than what IndexedDB holds.
    let text = match crate::browser::load() {
        Some(_) => store.migrate().await,
        None => store.read().await.ok().flatten(),
    };
    Loaded { store, text }
}

impl Store {
    /// A store that keeps the lab in local storage only (where the app is started without `load`).
    pub fn local(reason: &str) -> Self {
        Self::new(None, Some(reason.to_string()))
    }

    fn new(db: Option<Rexie>, fallback: Option<String>) -> Self {
        Self {
            db,
            fallback,
            written: RefCell::default(),
            busy: Cell::new(false),
            waiting: RefCell::default(),
            asked: Cell::new(0),
            journal: Cell::new(None),
        }
    }

    /// True when every save asked for has been written (or refused).
    pub fn settled(&self) -> bool {
        !self.busy.get() && self.waiting.borrow().is_none()
    }

    /// The page is going with a save not yet written: it goes to local storage at once (if small
    /// enough), and to IndexedDB as usual, which removes the journal once written.
    pub fn journal(self: &Rc<Self>, saved: SavedLab, failed: impl Fn(String) + 'static) {
        if self.db.is_some() {
            let text = saved.to_json();
            if text.len() <= JOURNAL_BYTES && crate::browser::store(&text).is_ok() {
                self.journal.set(Some(self.asked.get() + 1));
            }
        }
        self.save(saved, failed);
    }

    /// The saved lab's text, if IndexedDB holds one; what it holds is remembered as written.
    async fn read(&self) -> Result<Option<String>, String> {
        let db = self.db.as_ref().ok_or("no database")?;
        let tx = db
            .transaction(&[SESSION, INPUTS], TransactionMode::ReadOnly)
            .map_err(idb_error)?;
        let header = tx.store(SESSION).map_err(idb_error)?;
        let Some(header) = header
            .get(JsValue::from_str(HEADER))
            .await
            .map_err(idb_error)?
            .and_then(|v| v.as_string())
        else {
            return Ok(None);
        };
        let records: Vec<String> = tx
            .store(INPUTS)
            .map_err(idb_error)?
            .get_all(None, None)
            .await
            .map_err(idb_error)?
            .into_iter()
            .filter_map(|v| v.as_string())
            .collect();
        *self.written.borrow_mut() = records
            .iter()
            .filter_map(|r| serde_json::from_str(r).ok())
            .collect();
        join_records(&header, &records).map(Some)
    }

    /// A save left in local storage by an earlier version: written to IndexedDB, then removed from local
    /// storage once the write succeeded. A save that does not parse stays where it is (the app reports it).
    async fn migrate(&self) -> Option<String> {
        let text = crate::browser::load()?;
        if let Ok(saved) = serde_json::from_str::<SavedLab>(&text) {
            // Read first, so only what differs from IndexedDB's records is written.
            let _ = self.read().await;
            let inputs = saved.inputs.clone();
            let plan = plan_save(saved, &self.written.borrow());
            if self.write(&plan).await.is_ok() {
                *self.written.borrow_mut() = inputs;
                crate::browser::forget_local_save();
            }
        }
        Some(text)
    }

    /// Saves the lab; `failed` hears why not. Returns at once: the write finishes later.
    pub fn save(self: &Rc<Self>, saved: SavedLab, failed: impl Fn(String) + 'static) {
        if self.db.is_none() {
            if let Err(reason) = crate::browser::store(&saved.to_json()) {
                failed(format!(
                    "Your work could not be saved in this browser: {reason}"
                ));
            }
            return;
        }
        let number = self.asked.get() + 1;
        self.asked.set(number);
        if self.busy.get() {
            *self.waiting.borrow_mut() = Some((saved, number));
            return;
        }
        self.busy.set(true);
        let store = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut next = Some((saved, number));
            while let Some((saved, number)) = next.take() {
                let inputs = saved.inputs.clone();
                let plan = plan_save(saved, &store.written.borrow());
                match store.write(&plan).await {
                    Ok(()) => {
                        *store.written.borrow_mut() = inputs;
                        // The journal is stale once a save as new as it is written here.
                        if store.journal.get().is_some_and(|j| j <= number) {
                            crate::browser::forget_local_save();
                            store.journal.set(None);
                        }
                    }
                    Err(e) => {
                        // What the store holds is no longer known: the next save writes everything.
                        store.written.borrow_mut().clear();
                        failed(save_error_text(&e, plan.bytes()));
                    }
                }
                next = store.waiting.borrow_mut().take();
            }
            store.busy.set(false);
        });
    }

    async fn write(&self, plan: &SavePlan) -> Result<(), String> {
        let db = self.db.as_ref().ok_or("no database")?;
        let tx = db
            .transaction(&[SESSION, INPUTS], TransactionMode::ReadWrite)
            .map_err(idb_error)?;
        let inputs = tx.store(INPUTS).map_err(idb_error)?;
        for (i, text) in &plan.inputs {
            inputs
                .put(&JsValue::from_str(text), Some(&JsValue::from(*i as u32)))
                .await
                .map_err(idb_error)?;
        }
        for i in plan.len..plan.old_len {
            inputs
                .delete(JsValue::from(i as u32))
                .await
                .map_err(idb_error)?;
        }
        tx.store(SESSION)
            .map_err(idb_error)?
            .put(
                &JsValue::from_str(&plan.header),
                Some(&JsValue::from_str(HEADER)),
            )
            .await
            .map_err(idb_error)?;
        tx.done().await.map_err(idb_error)?;
        Ok(())
    }
}
