namespace SpotConnect.Org;

/// <summary>What <c>org prune</c> does (or did) with an offboarded account's Spot account.</summary>
internal enum OrgPruneSpotAction
{
    /// <summary>The account has no Spot account (it was never prepared).</summary>
    None,

    /// <summary>To delete: SpotConnect created it and <c>--delete-spot-accounts</c> was given.</summary>
    Delete,

    /// <summary>A delete was started by an earlier run with an unknown outcome: Spot's list is read and the delete sent again only if the account is still there.</summary>
    ResumeDelete,

    /// <summary>A delete was started by an earlier run with an unknown outcome, and this run has no <c>--delete-spot-accounts</c>: left as it is.</summary>
    PendingDelete,

    /// <summary>Kept: SpotConnect did not create it (connected before, adopted, or given); never deleted.</summary>
    KeepNotCreated,

    /// <summary>Kept: SpotConnect created it, but <c>--delete-spot-accounts</c> was not given.</summary>
    KeepWithoutFlag,

    /// <summary>Deleted by an earlier run.</summary>
    AlreadyDeleted,

    /// <summary>Deleted by this run.</summary>
    Deleted,

    /// <summary>Already gone: not in Spot's account list, or the delete answered <c>Account_DOESNT_EXIST</c>.</summary>
    Gone,

    /// <summary>The delete failed or its outcome is unknown (<see cref="OrgAccount.LastError"/> says which); the next run resolves it.</summary>
    Failed,
}
