namespace SpotConnect.Policies;

/// <summary>
/// One condition of a statement: an operator, a key and the values (any one of which matches), e.g.
/// <c>StringEquals aws:RequestedRegion [eu-west-1, eu-central-1]</c>.
/// </summary>
/// <param name="Operator">The condition operator (<c>StringEquals</c>, …).</param>
/// <param name="Key">The condition key (<c>aws:RequestedRegion</c>, …).</param>
/// <param name="Values">The values, in the order given.</param>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>Whether this condition is at most as strict as <paramref name="other"/>: every request <paramref name="other"/> lets through, this one does too.</summary>
    public bool IsImpliedBy(PolicyCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(Operator, other.Operator, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Positive string and ARN operators match when any value matches: fewer values are stricter.
        // Negated operators match when no value matches: more values are stricter. Others must be equal.
        var negated = Operator.Contains("Not", StringComparison.OrdinalIgnoreCase);
        var positive = !negated && (Operator.StartsWith("String", StringComparison.OrdinalIgnoreCase) || Operator.StartsWith("Arn", StringComparison.OrdinalIgnoreCase));
        return positive ? other.Values.All(Values.Contains)
            : negated ? Values.All(other.Values.Contains)
            : Values.Count == other.Values.Count && Values.All(other.Values.Contains);
    }

    /// <inheritdoc/>
    public bool Equals(PolicyCondition? other) =>
        other is not null
        && string.Equals(Operator, other.Operator, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Key, other.Key, StringComparison.OrdinalIgnoreCase)
        && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Operator.ToUpperInvariant(), Key.ToUpperInvariant(), Values.Count);

    /// <inheritdoc/>
    public override string ToString() =>
        Values.Count == 1 ? $"{Key} {Symbol} {Values[0]}" : $"{Key} {Symbol} any of [{string.Join(", ", Values)}]";

    private string Symbol => Operator switch
    {
        "StringEquals" or "ArnEquals" => "=",
        "StringNotEquals" or "ArnNotEquals" => "≠",
        "StringLike" or "ArnLike" => "like",
        _ => Operator,
    };
}
