//! The orchestration Receive-shape syntax: `(SV.Status == "ACCEPTED") && (SV.OrderMgrType == "CABLEORDER")
//! || SV.CustID exists`. String and dateTime values are in double quotes; numbers and booleans are bare
//! (domain.md 2). Nested parentheses are accepted and normalised to DNF.

use super::check;
use super::dnf::{Expr, DNF_GROUP_LIMIT};
use super::{Filter, FilterError, Op, Position, Predicate};
use crate::property::{PropertySchema, XsdType};

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Op(Op),
    Name(String),
    Quoted(String),
    Bare(String),
    End,
}

struct Lexed {
    token: Token,
    column: usize,
}

fn lex(text: &str) -> Result<Vec<Lexed>, FilterError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let at = |reason: String| FilterError::new(Position::Column(column), reason);
        let next = chars.get(i + 1).copied();
        let (token, len) = match (c, next) {
            (c, _) if c.is_whitespace() => {
                i += 1;
                continue;
            }
            ('(', _) => (Token::Open, 1),
            (')', _) => (Token::Close, 1),
            ('&', Some('&')) => (Token::And, 2),
            ('|', Some('|')) => (Token::Or, 2),
            ('=', Some('=')) => (Token::Op(Op::Eq), 2),
            ('!', Some('=')) => (Token::Op(Op::Ne), 2),
            ('<', Some('=')) => (Token::Op(Op::Le), 2),
            ('>', Some('=')) => (Token::Op(Op::Ge), 2),
            ('<', _) => (Token::Op(Op::Lt), 1),
            ('>', _) => (Token::Op(Op::Gt), 1),
            ('=', _) => return Err(at("'=' is not an operator: use ==".into())),
            ('"', _) => {
                let (value, len) = quoted(&chars[i..]).map_err(at)?;
                (Token::Quoted(value), len)
            }
            ('\'', _) => {
                return Err(at(
                    "character literals are not allowed: use double quotes".into()
                ))
            }
            (c, _) if c.is_ascii_digit() || c == '-' || c == '+' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
                    .count();
                (Token::Bare(chars[i..i + len].iter().collect()), len)
            }
            (c, _) if c.is_alphabetic() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
                    .count();
                let word: String = chars[i..i + len].iter().collect();
                let token = match word.to_ascii_lowercase().as_str() {
                    "exists" => Token::Op(Op::Exists),
                    "true" | "false" => Token::Bare(word.to_ascii_lowercase()),
                    _ => Token::Name(word),
                };
                (token, len)
            }
            (c, _) => return Err(at(format!("unexpected character {c:?}"))),
        };
        out.push(Lexed { token, column });
        i += len;
    }
    out.push(Lexed {
        token: Token::End,
        column: chars.len() + 1,
    });
    Ok(out)
}

/// Reads a double-quoted string starting at `chars[0]`; `\"` and `\\` are escapes.
fn quoted(chars: &[char]) -> Result<(String, usize), String> {
    let mut value = String::new();
    let mut i = 1;
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok((value, i + 1)),
            '\\' if matches!(chars.get(i + 1), Some('"') | Some('\\')) => {
                value.push(chars[i + 1]);
                i += 2;
            }
            c => {
                value.push(c);
                i += 1;
            }
        }
    }
    Err("unterminated string: a closing \" is missing".into())
}

struct Parser<'a> {
    tokens: Vec<Lexed>,
    at: usize,
    schema: &'a PropertySchema,
}

impl Parser<'_> {
    fn peek(&self) -> &Lexed {
        &self.tokens[self.at]
    }

    fn advance(&mut self) -> &Lexed {
        self.at += 1;
        &self.tokens[self.at - 1]
    }

    fn error<T>(&self, column: usize, reason: impl Into<String>) -> Result<T, FilterError> {
        Err(FilterError::new(Position::Column(column), reason))
    }

    fn or_expr(&mut self) -> Result<Expr, FilterError> {
        let mut parts = vec![self.and_expr()?];
        while self.peek().token == Token::Or {
            self.advance();
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Expr::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Expr, FilterError> {
        let mut parts = vec![self.factor()?];
        while self.peek().token == Token::And {
            self.advance();
            parts.push(self.factor()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Expr::And(parts)
        })
    }

    fn factor(&mut self) -> Result<Expr, FilterError> {
        let column = self.peek().column;
        match self.peek().token.clone() {
            Token::Open => {
                self.advance();
                if self.peek().token == Token::Close {
                    return self.error(column, "empty group: nothing between '(' and ')'");
                }
                let inner = self.or_expr()?;
                if self.peek().token != Token::Close {
                    return self.error(column, "unbalanced parentheses: this '(' is never closed");
                }
                self.advance();
                Ok(inner)
            }
            Token::Name(name) => {
                self.advance();
                self.predicate(&name, column).map(Expr::Pred)
            }
            Token::Close => self.error(column, "unbalanced parentheses: ')' has no matching '('"),
            Token::End => self.error(column, "a predicate is missing at the end"),
            other => self.error(
                column,
                format!("expected a property name, found {}", describe(&other)),
            ),
        }
    }

    fn predicate(&mut self, name: &str, column: usize) -> Result<Predicate, FilterError> {
        let (property, xsd) =
            check::known_property(self.schema, name).or_else(|e| self.error(column, e))?;
        let op_column = self.peek().column;
        let op = match self.peek().token {
            Token::Op(op) => op,
            _ => {
                return self.error(
                    op_column,
                    format!(
                        "operator missing after {name}: expected ==, !=, <, <=, >, >= or exists"
                    ),
                )
            }
        };
        self.advance();
        let value_column = self.peek().column;
        let value = match self.peek().token.clone() {
            Token::Quoted(v) => Some((v, true)),
            // A bare word after an operator is an unquoted value (a common slip with strings).
            Token::Bare(v) | Token::Name(v) => Some((v, false)),
            _ => None,
        };
        if value.is_some() {
            self.advance();
        }
        if let Some((v, quoted)) = &value {
            let wants_quotes = matches!(xsd, XsdType::String | XsdType::DateTime);
            if op != Op::Exists && *quoted != wants_quotes {
                let how = if wants_quotes {
                    "must be in double quotes"
                } else {
                    "must not be quoted"
                };
                return self.error(
                    value_column,
                    format!(
                        "value of the wrong type: {property} is {xsd}, so its value {v:?} {how}"
                    ),
                );
            }
        }
        check::predicate(property, xsd, op, value.map(|(v, _)| v)).or_else(|e| {
            let column = if op == Op::Exists {
                value_column
            } else {
                op_column
            };
            self.error(column, e)
        })
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::And => "'&&'".into(),
        Token::Or => "'||'".into(),
        Token::Op(op) => format!("operator {op}"),
        Token::Name(n) => format!("name {n}"),
        Token::Quoted(v) => format!("string \"{v}\""),
        Token::Bare(v) => format!("value {v}"),
        Token::End => "the end".into(),
    }
}

impl Filter {
    /// Parses orchestration syntax against a schema. An empty text is "no filter".
    pub fn parse_orchestration(text: &str, schema: &PropertySchema) -> Result<Filter, FilterError> {
        Self::parse_orchestration_expr(text, schema)?.map_or(Ok(Filter::default()), |expr| {
            Filter::from_expr(&expr, DNF_GROUP_LIMIT)
        })
    }

    /// Parses orchestration syntax into its nested expression, before normalisation.
    pub fn parse_orchestration_expr(
        text: &str,
        schema: &PropertySchema,
    ) -> Result<Option<Expr>, FilterError> {
        let tokens = lex(text)?;
        if tokens.len() == 1 {
            return Ok(None);
        }
        let mut parser = Parser {
            tokens,
            at: 0,
            schema,
        };
        let expr = parser.or_expr()?;
        let end = parser.peek();
        match &end.token {
            Token::End => Ok(Some(expr)),
            Token::Close => parser.error(
                end.column,
                "unbalanced parentheses: ')' has no matching '('",
            ),
            other => parser.error(
                end.column,
                format!("expected && or || before {}", describe(other)),
            ),
        }
    }

    /// Normalises an expression to DNF, refusing one that expands past `limit` AND-groups.
    pub fn from_expr(expr: &Expr, limit: usize) -> Result<Filter, FilterError> {
        expr.to_dnf(limit)
            .map(|groups| Filter { groups })
            .map_err(|count| {
                FilterError::new(
                    Position::Whole,
                    format!("the expression expands to {count} AND-groups; the limit is {limit}"),
                )
            })
    }

    /// Prints orchestration syntax: each predicate in parentheses, `&&` within a group, `||` between.
    pub fn to_orchestration(&self, schema: &PropertySchema) -> String {
        self.groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|p| format!("({})", predicate_text(p, schema)))
                    .collect::<Vec<_>>()
                    .join(" && ")
            })
            .collect::<Vec<_>>()
            .join(" || ")
    }
}

fn predicate_text(p: &Predicate, schema: &PropertySchema) -> String {
    let Some(value) = &p.value else {
        return format!("{} exists", p.property);
    };
    let xsd = schema
        .id(&p.property.to_string())
        .map_or(XsdType::String, |id| schema.def(id).xsd);
    if matches!(xsd, XsdType::String | XsdType::DateTime) {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        format!("{} {} \"{escaped}\"", p.property, p.op)
    } else {
        format!("{} {} {value}", p.property, p.op)
    }
}
