//! Pages of a listing: which rows to fetch and what the pager shows.

/// One page of a listing, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// How many pages there are (at least one).
    pub pages: i64,
}

impl Paging {
    /// The requested page, clamped to the pages that exist.
    pub fn new(requested: i64, per_page: i64, total: i64) -> Self {
        let per_page = per_page.max(1);
        let pages = ((total + per_page - 1) / per_page).max(1);
        Self { page: requested.clamp(1, pages), per_page, total, pages }
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn prev(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }

    pub fn next(&self) -> Option<i64> {
        (self.page < self.pages).then_some(self.page + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_and_counts() {
        let p = Paging::new(3, 20, 45);
        assert_eq!((p.page, p.offset(), p.pages, p.prev(), p.next()), (3, 40, 3, Some(2), None));
        assert_eq!(Paging::new(9, 20, 45).page, 3);
        assert_eq!(Paging::new(-1, 20, 45).page, 1);
        let empty = Paging::new(1, 20, 0);
        assert_eq!((empty.pages, empty.prev(), empty.next()), (1, None, None));
    }
}
