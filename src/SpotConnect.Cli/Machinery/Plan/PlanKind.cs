namespace SpotConnect.Plan;

/// <summary>Which deploy a <see cref="DeployPlan"/> plans.</summary>
internal enum PlanKind
{
    /// <summary><c>link deploy</c>: one account's SpotLinkStack.</summary>
    Link,

    /// <summary><c>org deploy</c>: SpotOrgStack, its StackSets and the management account's role.</summary>
    Org,
}
