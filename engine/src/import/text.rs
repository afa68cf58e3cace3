//! BizTalk tools write UTF-16LE files with a BOM as often as UTF-8 ones.

use super::ImportError;

/// The text of a file's bytes: UTF-16LE or UTF-16BE with a BOM, or UTF-8 (with or without a BOM).
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |rest: &[u8], le: bool| {
        if !rest.len().is_multiple_of(2) {
            return Err(ImportError {
                line: 0,
                reason: "a UTF-16 file with an odd number of bytes".into(),
            });
        }
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ImportError {
            line: 0,
            reason: "invalid UTF-16 text".into(),
        })
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|e| ImportError {
                line: 0,
                reason: format!("invalid UTF-8: {e}"),
            })
        }
        _ => String::from_utf8(bytes.to_vec()).map_err(|e| ImportError {
            line: 0,
            reason: format!("invalid UTF-8: {e}"),
        }),
    }
}
