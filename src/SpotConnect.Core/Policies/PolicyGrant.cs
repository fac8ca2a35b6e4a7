namespace SpotConnect.Policies;

/// <summary>One action (or action pattern) allowed on one resource (or resource pattern).</summary>
/// <param name="Action">The action, as written (IAM compares actions case-insensitively).</param>
/// <param name="Resource">The resource ARN or pattern, partition resolved.</param>
public sealed record PolicyGrant(string Action, string Resource)
{
    /// <summary>Whether this grant allows everything <paramref name="other"/> allows.</summary>
    public bool Covers(PolicyGrant other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return IamPattern.ActionCovers(Action, other.Action) && IamPattern.ResourceCovers(Resource, other.Resource);
    }

    /// <inheritdoc />
    public override string ToString() => Resource == "*" ? Action : $"{Action} on {Resource}";
}
