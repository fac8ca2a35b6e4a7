using System.Text.Json.Serialization;

namespace SpotConnect.Org;

/// <summary>One StackSet of the organization rollout.</summary>
/// <param name="Name">The StackSet's name (stable: renaming would replace it and every role it deployed).</param>
public sealed record OrgStackSet(string Name)
{
    /// <summary>
    /// Its accounts, sorted by account id, each with an external id: filled in a resolved rollout
    /// (<c>SpotOrgSpec.StackSets</c>). Not written to the state file, where each account names its StackSet.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<OrgAccount> Accounts { get; init; } = [];
}
