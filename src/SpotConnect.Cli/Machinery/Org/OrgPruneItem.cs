namespace SpotConnect.Org;

/// <summary>One account <c>org prune</c> works on.</summary>
/// <param name="AwsAccountId">The AWS account.</param>
/// <param name="Name">Its name in the organization.</param>
/// <param name="Why">Why it is pruned: "left the organization", its state in the accounts file (e.g. SUSPENDED), or "ACTIVE" for a delete left unfinished by an earlier run.</param>
/// <param name="StackSet">The StackSet it is taken out of, or <see langword="null"/> when it is in none.</param>
/// <param name="SpotAccountId">Its Spot account, if any.</param>
/// <param name="Spot">What happens to the Spot account.</param>
/// <param name="Note">Why a Spot account is kept, or what went wrong.</param>
internal sealed record OrgPruneItem(string AwsAccountId, string? Name, string Why, string? StackSet, string? SpotAccountId, OrgPruneSpotAction Spot, string? Note);
