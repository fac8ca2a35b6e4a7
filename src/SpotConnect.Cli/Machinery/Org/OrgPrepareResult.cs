namespace SpotConnect.Org;

/// <summary>The result of <c>org prepare</c>.</summary>
/// <param name="State">The state as saved.</param>
/// <param name="Outcomes">One per account of the state, ordered by AWS account id.</param>
internal sealed record OrgPrepareResult(OrgState State, IReadOnlyList<OrgPrepareOutcome> Outcomes)
{
    /// <summary>Whether any account failed.</summary>
    public bool AnyFailed => Outcomes.Any(o => o.Action == OrgPrepareAction.Failed);
}
