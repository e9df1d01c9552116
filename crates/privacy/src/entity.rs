//! Entity types the engine recognizes.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A kind of personal data. Names follow Presidio's (`PHONE_NUMBER`, `US_SSN`...)
/// so findings interoperate with tools built around it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum EntityType {
    /// A person's name.
    Person,
    /// A telephone number (North American or E.164 international).
    PhoneNumber,
    /// An e-mail address, typed or spoken ("john dot smith at gmail dot com").
    EmailAddress,
    /// A US social security number with a valid area, group and serial.
    UsSsn,
    /// A payment card number (Luhn, issuer prefix and length).
    CreditCard,
    /// An international bank account number (mod-97 and per-country length).
    IbanCode,
    /// A US bank account number (found by banking context).
    UsBankNumber,
    /// An ABA routing transit number (checksum).
    AbaRoutingNumber,
    /// A utility or customer account number (found by context).
    AccountNumber,
    /// A date said in a birth context.
    DateOfBirth,
    /// A street address with a house number.
    StreetAddress,
    /// A US ZIP code (with context).
    ZipCode,
    /// An IPv4 or IPv6 address.
    IpAddress,
    /// A US driver licence number (with context).
    UsDriverLicense,
    /// A US passport number (with context).
    UsPassport,
    /// A medical record number (with context).
    MedicalRecordNumber,
    /// An entity defined by a custom recognizer from configuration.
    Custom(Arc<str>),
}

const BUILTIN: [(EntityType, &str); 16] = [
    (EntityType::Person, "PERSON"),
    (EntityType::PhoneNumber, "PHONE_NUMBER"),
    (EntityType::EmailAddress, "EMAIL_ADDRESS"),
    (EntityType::UsSsn, "US_SSN"),
    (EntityType::CreditCard, "CREDIT_CARD"),
    (EntityType::IbanCode, "IBAN_CODE"),
    (EntityType::UsBankNumber, "US_BANK_NUMBER"),
    (EntityType::AbaRoutingNumber, "ABA_ROUTING_NUMBER"),
    (EntityType::AccountNumber, "ACCOUNT_NUMBER"),
    (EntityType::DateOfBirth, "DATE_OF_BIRTH"),
    (EntityType::StreetAddress, "STREET_ADDRESS"),
    (EntityType::ZipCode, "ZIP_CODE"),
    (EntityType::IpAddress, "IP_ADDRESS"),
    (EntityType::UsDriverLicense, "US_DRIVER_LICENSE"),
    (EntityType::UsPassport, "US_PASSPORT"),
    (EntityType::MedicalRecordNumber, "MEDICAL_RECORD_NUMBER"),
];

impl EntityType {
    /// Every built-in entity type.
    pub fn builtin() -> impl Iterator<Item = EntityType> {
        BUILTIN.iter().map(|(e, _)| e.clone())
    }

    /// Names of every built-in entity type, as accepted by [`FromStr`].
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(_, n)| *n).collect()
    }

    /// The canonical upper-case name (`PHONE_NUMBER`).
    pub fn as_str(&self) -> &str {
        match self {
            EntityType::Custom(name) => name,
            other => BUILTIN
                .iter()
                .find(|(e, _)| e == other)
                .map(|(_, n)| *n)
                .unwrap_or("UNKNOWN"),
        }
    }

    /// Bit of a built-in type in internal masks; custom types have none.
    /// This type's bit in context masks (its place in `BUILTIN`); 0 for custom
    /// types. A match, not a search: it runs for every candidate.
    #[inline]
    pub(crate) fn bit(&self) -> u32 {
        use EntityType as E;
        let i = match self {
            E::Person => 0,
            E::PhoneNumber => 1,
            E::EmailAddress => 2,
            E::UsSsn => 3,
            E::CreditCard => 4,
            E::IbanCode => 5,
            E::UsBankNumber => 6,
            E::AbaRoutingNumber => 7,
            E::AccountNumber => 8,
            E::DateOfBirth => 9,
            E::StreetAddress => 10,
            E::ZipCode => 11,
            E::IpAddress => 12,
            E::UsDriverLicense => 13,
            E::UsPassport => 14,
            E::MedicalRecordNumber => 15,
            E::Custom(_) => return 0,
        };
        1 << i
    }

    /// Parses a name, accepting built-in names in any case (and a few Presidio
    /// aliases such as `EMAIL`, `PHONE`, `SSN`), or any name in `customs`.
    pub fn parse_with_customs(s: &str, customs: &[Arc<str>]) -> Result<Self, Error> {
        let t = s.trim();
        if let Ok(e) = t.parse::<EntityType>() {
            return Ok(e);
        }
        customs
            .iter()
            .find(|c| c.eq_ignore_ascii_case(t))
            .map(|c| EntityType::Custom(c.clone()))
            .ok_or_else(|| Error::UnknownEntity(t.to_string()))
    }
}

impl FromStr for EntityType {
    type Err = Error;
    /// Parses a built-in entity name, case-insensitively; custom names need
    /// [`EntityType::parse_with_customs`].
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        let up = t.to_ascii_uppercase().replace(['-', ' '], "_");
        if let Some((e, _)) = BUILTIN.iter().find(|(_, n)| *n == up) {
            return Ok(e.clone());
        }
        let alias = match up.as_str() {
            "NAME" | "PERSON_NAME" => Some(EntityType::Person),
            "PHONE" | "TELEPHONE" => Some(EntityType::PhoneNumber),
            "EMAIL" => Some(EntityType::EmailAddress),
            "SSN" => Some(EntityType::UsSsn),
            "CARD" | "CREDIT_CARD_NUMBER" => Some(EntityType::CreditCard),
            "IBAN" => Some(EntityType::IbanCode),
            "BANK_ACCOUNT" => Some(EntityType::UsBankNumber),
            "ROUTING_NUMBER" | "ABA" => Some(EntityType::AbaRoutingNumber),
            "ACCOUNT" => Some(EntityType::AccountNumber),
            "DOB" => Some(EntityType::DateOfBirth),
            "ADDRESS" => Some(EntityType::StreetAddress),
            "ZIP" => Some(EntityType::ZipCode),
            "IP" => Some(EntityType::IpAddress),
            "DRIVER_LICENSE" => Some(EntityType::UsDriverLicense),
            "PASSPORT" => Some(EntityType::UsPassport),
            "MRN" => Some(EntityType::MedicalRecordNumber),
            _ => None,
        };
        alias.ok_or_else(|| Error::UnknownEntity(t.to_string()))
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EntityType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EntityType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(s.parse::<EntityType>()
            .unwrap_or_else(|_| EntityType::Custom(Arc::from(s.as_str()))))
    }
}

#[cfg(test)]
mod bit_tests {
    use super::*;

    #[test]
    fn bits_follow_the_builtin_order() {
        for (i, (e, _)) in BUILTIN.iter().enumerate() {
            assert_eq!(e.bit(), 1 << i, "{}", e.as_str());
        }
        assert_eq!(EntityType::Custom("X".into()).bit(), 0);
    }
}
