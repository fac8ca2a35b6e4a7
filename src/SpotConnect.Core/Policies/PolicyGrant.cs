namespace SpotConnect.Policies;

/// <summary>One action (or action pattern) allowed on one resource (or resource pattern).</summary>
/// <param name="Action">The action, as written (IAM compares actions case-insensitively).</param>
/// <param name="Resource">The resource ARN or pattern, partition resolved.</param>
public sealed record PolicyGrant(string Action, string Resource)
{
    /// <summary>The conditions under which the grant holds (all of them); none: unconditionally.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>Whether this grant allows everything <paramref name="other"/> allows.</summary>
    public bool Covers(PolicyGrant other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IamPattern.ActionCovers(Action, other.Action) && IamPattern.ResourceCovers(Resource, other.Resource)
            && Conditions.All(c => other.Conditions.Any(c.IsImpliedBy));
    }

    /// <inheritdoc />
    public override string ToString() =>
        (Resource == "*" ? Action : $"{Action} on {Resource}")
        + (Conditions.Count == 0 ? string.Empty : " when " + string.Join(" and ", Conditions));

    /// <inheritdoc/>
    public bool Equals(PolicyGrant? other) =>
        other is not null && Action == other.Action && Resource == other.Resource && Conditions.SequenceEqual(other.Conditions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Action, Resource, Conditions.Count);
}
