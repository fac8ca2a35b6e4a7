namespace SpotConnect.Org;

/// <summary>What <c>org prepare</c> did for one account.</summary>
internal enum OrgPrepareAction
{
    /// <summary>The state already had its Spot account.</summary>
    Known,

    /// <summary>Found in Spot's account list, connected to this AWS account (<c>providerExternalId</c>).</summary>
    Matched,

    /// <summary>Found in Spot's account list after a create whose answer was lost (an interrupted run).</summary>
    Adopted,

    /// <summary>The Spot account given for it (<c>--spot-account AWS=act-…</c>): used, never deleted by SpotConnect.</summary>
    Given,

    /// <summary>A Spot account was created.</summary>
    Created,

    /// <summary>Spot refused, or the outcome is unknown; <see cref="OrgAccount.LastError"/> says why and what to do.</summary>
    Failed,

    /// <summary>The account is not <c>ACTIVE</c> (suspended, closing, closed): left as it is.</summary>
    NotActive,

    /// <summary>The account left the organization or is excluded: kept in the state, not prepared.</summary>
    NotInOrganization,

    /// <summary>The management account, from a delegated administrator: needs <c>spot-connect link</c> run there.</summary>
    NeedsLink,
}
