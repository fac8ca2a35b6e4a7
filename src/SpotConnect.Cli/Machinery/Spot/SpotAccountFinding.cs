namespace SpotConnect.Spot;

/// <summary>What <see cref="SpotAccountFinder"/> found for one AWS account in Spot's account list.</summary>
internal enum SpotAccountFinding
{
    /// <summary>The account given (<c>--spot-account</c>): used, never deleted by SpotConnect.</summary>
    Given,

    /// <summary>The account the state records.</summary>
    Recorded,

    /// <summary>The state records an account that Spot no longer lists.</summary>
    RecordedMissing,

    /// <summary>An account connected to the AWS account (<c>providerExternalId</c>).</summary>
    Connected,

    /// <summary>The one account a create the state records as started made (its answer was lost, or the run was killed): created by SpotConnect.</summary>
    MadeByStartedCreate,

    /// <summary>An unconnected account of the name that SpotConnect has no record of creating: never taken without <c>--spot-account</c>.</summary>
    Unrecorded,

    /// <summary>Several unconnected accounts of the name a started create used: nothing is created while it is unclear.</summary>
    Ambiguous,

    /// <summary>None: a create is due.</summary>
    None,
}
