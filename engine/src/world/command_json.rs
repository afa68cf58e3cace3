//! Reading a [`Command`] from its JSON form, `{"do": "submit", "group": ..., ...}`, without the buffering
//! that serde's derive does for internally tagged enums.
//!
//! The derive reads every command into an intermediate tree first and then deserialises each variant's
//! fields from that tree: a second copy of every field type's deserialiser (the whole application package
//! of `importApplication`, with its programs) and, in the browser, about 170 KB of wasm. Commands are
//! always written with `do` first, so this reads the tag and then the variant's fields straight from the
//! input, through the externally tagged mirror below. The format is unchanged: a command whose `do` is
//! not first (a hand-written file) is read into a JSON value, rewritten with `do` first and read again.

use super::command::Command;
use crate::messagebox::{AdminAction, InstanceId, Owner, RefId, ReportId};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, VariantAccess,
    Visitor,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The same variants and fields as [`Command`], externally tagged. Serde's `remote` derive builds a
/// `Command` from it directly; the unused `Serialize` half is there so that a variant added to
/// `Command` and not here fails to compile.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Command", rename_all = "camelCase")]
#[allow(dead_code)]
enum Mirror {
    Submit {
        group: String,
        location: String,
        body: String,
    },
    Administer {
        group: String,
        owner: Owner,
        action: AdminAction,
    },
    SetFilter {
        group: String,
        owner: Owner,
        filter: String,
    },
    SetLocationPipeline {
        group: String,
        location: String,
        pipeline: super::config::Pipeline,
    },
    SetLocationEnabled {
        group: String,
        location: String,
        enabled: bool,
    },
    SetHostRunning {
        group: String,
        host: String,
        running: bool,
    },
    SetEndpointAvailable {
        group: String,
        endpoint: String,
        available: bool,
    },
    SetResponderRunning {
        group: String,
        responder: String,
        running: bool,
    },
    ResumeReference {
        group: String,
        reference: RefId,
    },
    TerminateReference {
        group: String,
        reference: RefId,
    },
    TerminateReport {
        group: String,
        report: ReportId,
    },
    ResumeInstance {
        group: String,
        instance: InstanceId,
    },
    TerminateInstance {
        group: String,
        instance: InstanceId,
    },
    SetConfig {
        key: String,
        value: String,
    },
    SetLinkUp {
        a: String,
        b: String,
        up: bool,
    },
    ImportApplication {
        group: String,
        package: Box<super::Package>,
    },
    PublishContext {
        group: String,
        context: String,
        #[serde(default)]
        body: Option<String>,
    },
    ImportBindings {
        group: String,
        application: String,
        text: String,
    },
    CopyApplication {
        from: String,
        to: String,
        application: String,
    },
    StartApplication {
        group: String,
        application: String,
    },
    StopApplication {
        group: String,
        application: String,
        mode: super::StopMode,
    },
    RemoveApplication {
        group: String,
        application: String,
    },
    CreateBridge {
        from: String,
        to: String,
        application: String,
    },
}

const TAG: &str = "do";

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TagFirst)
    }
}

struct TagFirst;

impl<'de> Visitor<'de> for TagFirst {
    type Value = Command;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("internally tagged enum Command")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Command, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Err(de::Error::missing_field(TAG));
        };
        if first == TAG {
            let tag: String = map.next_value()?;
            return Mirror::deserialize(Variant { tag, map });
        }
        // `do` is not first: read the whole object, put `do` first and read that.
        let mut object = serde_json::Map::new();
        object.insert(first, map.next_value()?);
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value()?;
            object.insert(key, value);
        }
        let Some(tag) = object.remove(TAG) else {
            return Err(de::Error::missing_field(TAG));
        };
        let mut text = String::from("{\"do\":");
        text.push_str(&tag.to_string());
        for (key, value) in &object {
            text.push(',');
            text.push_str(&serde_json::Value::String(key.clone()).to_string());
            text.push(':');
            text.push_str(&value.to_string());
        }
        text.push('}');
        serde_json::from_str(&text).map_err(|e| {
            // The position is in the rewritten text, not the input: keep only the message.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(at) => &message[..at],
                None => &message,
            };
            de::Error::custom(message)
        })
    }
}

/// The rest of a command's object, after its tag, seen as an externally tagged enum.
struct Variant<A> {
    tag: String,
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Variant<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Fields<A>), A::Error> {
        let variant = seed.deserialize(self.tag.into_deserializer())?;
        Ok((variant, Fields(self.map)))
    }
}

/// A variant's fields: the remaining entries of the command's object.
struct Fields<A>(A);

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::Map,
            &"a struct variant",
        ))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, A::Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::Map,
            &"a struct variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(
            de::Unexpected::Map,
            &"a struct variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submit() -> Command {
        Command::Submit {
            group: "G".into(),
            location: "L".into(),
            body: "<a/>".into(),
        }
    }

    #[test]
    fn reads_what_it_writes_with_the_tag_first() {
        let text = serde_json::to_string(&submit()).unwrap();
        assert!(text.starts_with("{\"do\":\"submit\""), "{text}");
        assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), submit());
    }

    #[test]
    fn reads_the_tag_anywhere() {
        let text = r#"{"group": "G", "location": "L", "do": "submit", "body": "<a/>", "extra": 1}"#;
        assert_eq!(serde_json::from_str::<Command>(text).unwrap(), submit());
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::from_value::<Command>(value).unwrap(), submit());
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let error = |text: &str| {
            serde_json::from_str::<Command>(text)
                .unwrap_err()
                .to_string()
        };
        assert!(error(r#"{"group": "G"}"#).contains("missing field `do`"));
        assert!(error("{}").contains("missing field `do`"));
        assert!(error(r#"{"do": "fly"}"#).contains("unknown variant `fly`"));
        assert!(error(r#"{"do": "submit", "group": "G"}"#).contains("missing field `location`"));
        assert!(error(r#"{"group": "G", "do": "submit"}"#).contains("missing field `location`"));
        assert!(error("5").contains("expected internally tagged enum Command"));
    }
}
