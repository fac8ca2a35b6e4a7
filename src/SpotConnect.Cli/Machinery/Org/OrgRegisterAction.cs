namespace SpotConnect.Org;

/// <summary>What <c>org register</c> did for one account.</summary>
internal enum OrgRegisterAction
{
    /// <summary>Spot accepted the role in this run.</summary>
    Registered,

    /// <summary>Registered by an earlier run with the same role: nothing sent.</summary>
    AlreadyRegistered,

    /// <summary>Spot kept refusing; <see cref="OrgAccount.LastError"/> says why. The next run tries again.</summary>
    Failed,

    /// <summary>No role to register yet (no external id or no StackSet: prepare and deploy first), or the account is not an active member.</summary>
    NotReady,
}
