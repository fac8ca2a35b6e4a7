namespace SpotConnect.Org;

/// <summary>The result of <c>org prepare</c>.</summary>
/// <param name="State">The state as saved.</param>
/// <param name="Outcomes">One per account of the state, ordered by AWS account id.</param>
/// <param name="Unrecorded">
/// Per AWS account, the unconnected Spot account of its name that the state has no record of creating (a lost or older
/// state file?): not taken, the account failed; <c>--spot-account AWS=act-…</c> takes it.
/// </param>
internal sealed record OrgPrepareResult(OrgState State, IReadOnlyList<OrgPrepareOutcome> Outcomes, IReadOnlyDictionary<string, string> Unrecorded)
{
    /// <summary>Whether any account failed.</summary>
    public bool AnyFailed => Outcomes.Any(o => o.Action == OrgPrepareAction.Failed);
}
