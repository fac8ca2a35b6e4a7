namespace SpotConnect.Org;

/// <summary>One account of <c>aws organizations list-accounts</c> output.</summary>
/// <param name="Id">The AWS account id (12 digits).</param>
/// <param name="Name">The account's name in the organization.</param>
/// <param name="State">Its state: the newer <c>State</c> field (<c>ACTIVE</c>, <c>SUSPENDED</c>, <c>PENDING_CLOSURE</c>, <c>CLOSED</c>, …), else the older <c>Status</c>.</param>
/// <param name="Arn">Its organizations ARN (<c>arn:aws:organizations::&lt;management account&gt;:account/o-…/&lt;id&gt;</c>), when given.</param>
internal sealed record OrgAwsAccount(string Id, string? Name, string State, string? Arn)
{
    /// <summary>The state of an account that can be connected.</summary>
    public const string Active = SpotConnect.Org.OrgAccount.ActiveState;

    /// <summary>Whether the account is <c>ACTIVE</c>.</summary>
    public bool IsActive => string.Equals(State, Active, StringComparison.OrdinalIgnoreCase);
}
