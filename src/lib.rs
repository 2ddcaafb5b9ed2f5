//! The Commercial Shopper widget.
