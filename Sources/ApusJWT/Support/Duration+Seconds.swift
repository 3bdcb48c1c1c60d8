extension Duration {
    /// The duration in seconds, as the `TimeInterval` that `Date` arithmetic takes.
    var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}
