namespace SpotConnect.Org;

/// <summary>One StackSet of the organization rollout.</summary>
/// <param name="Name">The StackSet's name (stable: renaming would replace it and every role it deployed).</param>
public sealed record OrgStackSet(string Name);
