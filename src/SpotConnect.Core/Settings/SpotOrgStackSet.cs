using SpotConnect.Org;

namespace SpotConnect.Settings;

/// <summary>One StackSet of a resolved rollout.</summary>
/// <param name="Name">The StackSet's name.</param>
/// <param name="Accounts">Its accounts, sorted by account id, each with an external id.</param>
public sealed record SpotOrgStackSet(string Name, IReadOnlyList<OrgAccount> Accounts);
