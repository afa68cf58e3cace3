//! Normalising a nested boolean expression to disjunctive normal form (an OR of AND-groups), the only
//! shape BizTalk stores (domain.md 1.7). Expansion can blow up, so it is bounded.

use super::Predicate;

/// The most AND-groups a normalised expression may produce.
pub const DNF_GROUP_LIMIT: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Pred(Predicate),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

impl Expr {
    /// How many AND-groups the expression expands to (saturating, so it never overflows).
    pub fn group_count(&self) -> usize {
        match self {
            Expr::Pred(_) => 1,
            Expr::And(parts) => parts
                .iter()
                .fold(1usize, |n, e| n.saturating_mul(e.group_count())),
            Expr::Or(parts) => parts
                .iter()
                .fold(0usize, |n, e| n.saturating_add(e.group_count())),
        }
    }

    /// The expression's AND-groups, or the group count when it exceeds `limit`.
    pub fn to_dnf(&self, limit: usize) -> Result<Vec<Vec<Predicate>>, usize> {
        let count = self.group_count();
        if count > limit {
            return Err(count);
        }
        Ok(self.expand())
    }

    fn expand(&self) -> Vec<Vec<Predicate>> {
        match self {
            Expr::Pred(p) => vec![vec![p.clone()]],
            Expr::Or(parts) => parts.iter().flat_map(Expr::expand).collect(),
            Expr::And(parts) => parts.iter().fold(vec![Vec::new()], |acc, part| {
                let part_groups = part.expand();
                acc.iter()
                    .flat_map(|left| {
                        part_groups.iter().map(move |right| {
                            let mut joined = left.clone();
                            joined.extend(right.iter().cloned());
                            joined
                        })
                    })
                    .collect()
            }),
        }
    }
}
