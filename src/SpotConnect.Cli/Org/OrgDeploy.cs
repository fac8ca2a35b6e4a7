namespace SpotConnect.Cli.Org;

/// <summary>How <c>org deploy</c> deploys the organization stack.</summary>
internal static class OrgDeploy
{
    /// <summary>
    /// How many accounts one StackSet holds when <c>org deploy</c> assigns new accounts
    /// (<see cref="SpotConnect.Org.OrgStackSetPlanner.Assign"/>). The only place this number is set: the member
    /// template's size bound (computed by the organization stack's construct) decides the real figure.
    /// </summary>
    public const int DefaultStackSetCapacity = 2000;

    /// <summary>The organization stack's default name (the contract's default for <c>spot:stackName</c> with <c>spot:orgState</c>).</summary>
    public const string DefaultStackName = "SpotOrgStack";

    /// <summary>The context key that makes the app synthesize the organization stack from a state file.</summary>
    public const string StateContextKey = "spot:orgState";

    /// <summary>The context key of whom the StackSets are managed as (<c>SELF</c>, <c>DELEGATED_ADMIN</c>).</summary>
    public const string CallAsContextKey = "spot:orgCallAs";
}
