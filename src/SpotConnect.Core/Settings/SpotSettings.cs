using System.Globalization;
using SpotConnect.Org;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// Every SpotConnect setting, each defined once: names on every surface, default, parser (syntax) and rule.
/// Adding a setting means: define it here, give it a property in <see cref="ISpotRoleOptions"/> (and the types that
/// implement it), apply it where it takes effect (<see cref="SpotLinkSpec"/>, the constructs), read it in the app,
/// and add its row to the README's settings table; the CLI's options and messages on every surface follow.
/// </summary>
public static class SpotSettings
{
    /// <summary>The default role name, as in Spot's console.</summary>
    public const string DefaultRoleName = "Spot-Role";

    /// <summary>The default stack name.</summary>
    public const string DefaultStackName = "SpotLinkStack";

    /// <summary>The external id Spot generated for the account.</summary>
    public static Setting<string> ExternalId { get; } = new(
        "ExternalId", "spot:externalId", "SPOT_EXTERNAL_ID", "--external-id",
        "the external id from the Spot console, which Spot presents to assume the role",
        "none: the template takes it as the CloudFormation parameter ExternalId",
        Text, (value, field) => InputRules.ExternalId(field, value));

    /// <summary>The permission bundles.</summary>
    public static Setting<BundleSelection> Bundles { get; } = new(
        "Bundles", "spot:bundles", "SPOT_BUNDLES", "--bundles",
        "the permission bundles to grant (comma-separated ids; see `spot-connect bundles`)",
        "default (Spot's \"Default Permissions\")",
        (text, field) => BundleSelection.Parse(text, field));

    /// <summary>The IAM role name.</summary>
    public static Setting<string> RoleName { get; } = new(
        "RoleName", "spot:roleName", "SPOT_ROLE_NAME", "--role-name",
        "the IAM role name",
        DefaultRoleName,
        Text, (value, field) => InputRules.RoleName(field, value));

    /// <summary>The default role path: the root, which the templates leave out (no <c>Path</c> property).</summary>
    public const string DefaultRolePath = "/";

    /// <summary>The IAM role's path.</summary>
    public static Setting<string> RolePath { get; } = new(
        "RolePath", "spot:rolePath", "SPOT_ROLE_PATH", "--role-path",
        "the role's IAM path (/ or /a/b/); the role ARN is arn:<partition>:iam::<account>:role<path><name>. Changing it replaces the role",
        "/ (no Path property in the template)",
        Text, (value, field) => InputRules.RolePath(field, value));

    /// <summary>The first managed policy's name (its rule depends on <see cref="MaxManagedPolicies"/>, so it is checked with the others).</summary>
    public static Setting<string> PolicyName { get; } = new(
        "PolicyName", "spot:policyName", "SPOT_POLICY_NAME", "--policy-name",
        "the first managed policy's name; more are <name>-2, <name>-3, …",
        PolicyPlanOptions.DefaultPolicyName,
        Text);

    /// <summary>The CloudFormation stack name (and construct id).</summary>
    public static Setting<string> StackName { get; } = new(
        "StackName", "spot:stackName", "SPOT_STACK_NAME", "--stack-name",
        "the CloudFormation stack name (and construct id)",
        $"{DefaultStackName} ({DefaultOrgStackName} with an org state)",
        Text, (value, field) => InputRules.StackName(field, value));

    /// <summary>The AWS partition.</summary>
    public static Setting<SpotPartition> Partition { get; } = new(
        "Partition", "spot:partition", "SPOT_PARTITION", "--partition",
        "the AWS partition the stack deploys into; the template refuses any other",
        SpotPartition.Aws.Name,
        (text, field) => SpotPartition.Parse(text, field),
        choices: SpotPartition.All.Select(p => p.Name).ToArray());

    /// <summary>The Spot AWS account the role trusts.</summary>
    public static Setting<string> PrincipalAccountId { get; } = new(
        "PrincipalAccountId", "spot:principalAccountId", "SPOT_PRINCIPAL_ACCOUNT_ID", "--principal-account-id",
        "the Spot AWS account the role trusts",
        $"{SpotPartition.Aws.SpotAccountId} in aws; required elsewhere",
        Text, (value, field) => InputRules.AccountId(field, value));

    /// <summary>The role's managed-policy quota.</summary>
    public static Setting<int> MaxManagedPolicies { get; } = new(
        "MaxManagedPolicies", "spot:maxManagedPolicies", null, "--max-managed-policies",
        "the role's quota of attached managed policies, AWS managed ones included",
        $"{PolicyPlanOptions.DefaultMaxManagedPolicies} (at most {PolicyPlanOptions.HighestMaxManagedPolicies})",
        Int,
        (value, field) => value is >= 1 and <= PolicyPlanOptions.HighestMaxManagedPolicies
            ? null
            : new(field, value.ToString(CultureInfo.InvariantCulture),
                $"a role may have 1 to {PolicyPlanOptions.HighestMaxManagedPolicies} managed policies attached ({PolicyPlanOptions.DefaultMaxManagedPolicies} unless the IAM quota was raised)."));

    /// <summary>Whether the target account is bootstrapped.</summary>
    public static Setting<bool> Bootstrapped { get; } = new(
        "Synthesizer", "spot:bootstrapped", null, "--bootstrapped",
        "true: the account is bootstrapped (CDK's default synthesizer); false: deploys into an account never bootstrapped",
        "false",
        Bool, choices: ["true", "false"]);

    /// <summary>Whether the role and its policies survive the stack's deletion.</summary>
    public static Setting<bool> RetainOnDelete { get; } = new(
        "RetainOnDelete", "spot:retainOnDelete", null, "--retain-on-delete",
        "true: the role and policies stay when the stack is deleted, so Spot keeps access",
        "false",
        Bool, choices: ["true", "false"]);

    /// <summary>The role's permissions boundary.</summary>
    public static Setting<string> PermissionsBoundary { get; } = new(
        "RolePermissionsBoundary", "spot:permissionsBoundary", "SPOT_PERMISSIONS_BOUNDARY", "--permissions-boundary",
        "a managed policy (ARN, or name in the deploying account) set as the role's permissions boundary",
        "none",
        Text, (value, field) => InputRules.PermissionsBoundary(field, value));

    /// <summary>Tags on the role and the stack.</summary>
    public static Setting<IReadOnlyDictionary<string, string>> Tags { get; } = new(
        "Tags", "spot:tags", "SPOT_TAGS", "--tags",
        "tags on the role and the stack (CloudFormation cannot tag a managed policy): Key=Value,Key2=Value2, or a JSON object in cdk.json",
        "none",
        SettingText.Tags, (value, field) => InputRules.Tags(field, value));

    /// <summary>The regions regional actions are allowed in.</summary>
    public static Setting<IReadOnlyList<string>> Regions { get; } = new(
        "Regions", "spot:regions", "SPOT_REGIONS", "--regions",
        "region codes (comma-separated): regional actions are allowed only there (aws:RequestedRegion); actions of global services stay usable",
        "all regions",
        SettingText.List, (value, field) => InputRules.Regions(field, value));

    /// <summary>Whether Spot's destructive EC2 actions are restricted to Spot-tagged resources.</summary>
    public static Setting<bool> RestrictToSpotResources { get; } = new(
        "RestrictToSpotResources", "spot:restrictToSpotResources", null, "--restrict-to-spot-resources",
        "true: Spot's destructive EC2 actions only on resources tagged spotinst:aws:ec2:group:createdBy = spotinst",
        "false",
        Bool, choices: ["true", "false"]);

    /// <summary>KMS keys Spot may use for encrypted EBS volumes.</summary>
    public static Setting<IReadOnlyList<string>> KmsKeyArns { get; } = new(
        "KmsKeyArns", "spot:kmsKeyArns", "SPOT_KMS_KEY_ARNS", "--kms-key-arns",
        "KMS key ARNs (comma-separated) Spot may use for encrypted EBS volumes",
        "none",
        SettingText.List, (value, field) => InputRules.KmsKeyArns(field, value));

    /// <summary>The bucket Spot may write exported logs to.</summary>
    public static Setting<string> LogBucket { get; } = new(
        "LogBucket", "spot:logBucket", "SPOT_LOG_BUCKET", "--log-bucket",
        "the S3 bucket (name) Spot may write exported Ocean logs to",
        "none",
        Text, (value, field) => InputRules.BucketName(field, value));

    /// <summary>The least-privilege settings that shape the policies (the CLI's <c>policy</c> takes them).</summary>
    public static IReadOnlyList<Setting> PolicyShaping { get; } = [Regions, RestrictToSpotResources, KmsKeyArns, LogBucket];

    // Organization rollout (SpotOrgStack): the spot:org* keys.

    /// <summary>The default stack name with <see cref="OrgState"/>.</summary>
    public const string DefaultOrgStackName = "SpotOrgStack";

    /// <summary>The StackSet operations' failure tolerance, in percent, unless given.</summary>
    public const int DefaultOrgFailureTolerance = 10;

    /// <summary>The org state (a file for the app, an <see cref="Org.OrgState"/> object for the constructs): with it, the app synthesizes SpotOrgStack instead of SpotLinkStack.</summary>
    public static Setting<string> OrgState { get; } = new(
        "State", "spot:orgState", "SPOT_ORG_STATE", null,
        "path of the org state file (`spot-connect org prepare` writes it): the app synthesizes SpotOrgStack instead of SpotLinkStack",
        "none",
        (text, field) => string.IsNullOrWhiteSpace(text)
            ? throw new SpotConnectValidationException(new ValidationProblem(field, text, "a path to the org state file."))
            : text);

    /// <summary>The one region StackSet instances are created in.</summary>
    public static Setting<string> OrgRegion { get; } = new(
        "Region", "spot:orgRegion", "SPOT_ORG_REGION", "--org-region",
        "the one region StackSet instances are created in (IAM is global: the role exists once per account)",
        "us-east-1 / us-gov-west-1 / cn-north-1 by partition, or the region recorded in the state",
        (text, field) => text.Trim());

    /// <summary>Who administers the StackSets: the management account or a delegated administrator.</summary>
    public static Setting<OrgCallAs> OrgCallAs { get; } = new(
        "CallAs", "spot:orgCallAs", null, "--org-call-as",
        "SELF (the organization's management account deploys) or DELEGATED_ADMIN (a delegated administrator for StackSets)",
        "SELF, or the administrator recorded in the state",
        (text, field) => OrgCallAsText.Parse(text) ?? throw new SpotConnectValidationException(new ValidationProblem(field, text, "not a StackSets caller.", OrgCallAsText.Choices)),
        choices: OrgCallAsText.Choices);

    /// <summary>The percentage of accounts that may fail before a StackSet operation stops.</summary>
    public static Setting<int> OrgFailureTolerance { get; } = new(
        "FailureTolerance", "spot:orgFailureTolerance", null, "--org-failure-tolerance",
        "percentage of accounts whose stack instance may fail before a StackSet operation stops",
        DefaultOrgFailureTolerance.ToString(CultureInfo.InvariantCulture),
        Int,
        (value, field) => value is >= 0 and <= 100
            ? null
            : new(field, value.ToString(CultureInfo.InvariantCulture), "a failure tolerance is a percentage from 0 to 100."));

    /// <summary>The settings of the organization rollout, in the order problems are reported.</summary>
    public static IReadOnlyList<Setting> Org { get; } = [OrgState, OrgRegion, OrgCallAs, OrgFailureTolerance];

    /// <summary>The settings of one link (the role and its policies), in the order problems are reported.</summary>
    public static IReadOnlyList<Setting> Link { get; } =
        [ExternalId, Bundles, RoleName, RolePath, PolicyName, Partition, PrincipalAccountId, MaxManagedPolicies, PermissionsBoundary, Tags, Regions, RestrictToSpotResources, KmsKeyArns, LogBucket];

    /// <summary>The settings of the stack around a link or a rollout (not of the role itself).</summary>
    public static IReadOnlyList<Setting> Stack { get; } = [StackName, Bootstrapped, RetainOnDelete];

    /// <summary>Every setting of the SpotConnect app, in the contract's order (problems are reported in it).</summary>
    public static IReadOnlyList<Setting> All { get; } =
        [ExternalId, Bundles, RoleName, RolePath, PolicyName, StackName, Partition, PrincipalAccountId, MaxManagedPolicies, Bootstrapped, RetainOnDelete,
         PermissionsBoundary, Tags, Regions, RestrictToSpotResources, KmsKeyArns, LogBucket,
         OrgState, OrgRegion, OrgCallAs, OrgFailureTolerance];

    /// <summary>The setting whose context key is <paramref name="contextKey"/>, if any.</summary>
    public static Setting? Find(string contextKey) => All.FirstOrDefault(s => s.ContextKey == contextKey);

    /// <summary>
    /// <paramref name="exception"/> with each setting named by <paramref name="nameOf"/>: how an edge renders Core's
    /// problems in its caller's words (property, context key or option). With <paramref name="inContractOrder"/> the
    /// problems are sorted in the order of <see cref="All"/> (as the app reports them); otherwise they stay in the order found.
    /// </summary>
    /// <param name="exception">The problems.</param>
    /// <param name="nameOf">How the edge names a setting.</param>
    /// <param name="inContractOrder">Whether to sort the problems in the contract's order.</param>
    /// <param name="withValue">How the edge writes a setting given a value (<see cref="Setting.ReferenceTo"/>); default: its name, <c>=</c>, the value.</param>
    public static SpotConnectValidationException NamedBy(this SpotConnectValidationException exception, Func<Setting, string> nameOf, bool inContractOrder = false, Func<Setting, string, string>? withValue = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(nameOf);
        return exception.Named(
            key => Find(key) is { } setting ? nameOf(setting)
                : Valued(key) is ({ } valued, var value) ? withValue?.Invoke(valued, value) ?? $"{nameOf(valued)}={value}"
                : key,
            inContractOrder ? key => Find(key) is { } setting ? IndexOf(setting) : int.MaxValue - 1 : null);
    }

    /// <summary>The setting and value of a <see cref="Setting.ReferenceTo"/> placeholder (<c>spot:bootstrapped=true</c>), else none.</summary>
    public static (Setting? Setting, string Value) Valued(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var equals = reference.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && Find(reference[..equals]) is { } setting ? (setting, reference[(equals + 1)..]) : (null, string.Empty);
    }

    private static int IndexOf(Setting setting)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], setting))
            {
                return i;
            }
        }

        return int.MaxValue - 1;
    }

    private static string Text(string text, string field) => text;

    private static int Int(string text, string field)
    {
        var problems = new List<ValidationProblem>();
        return InputRules.ParseInt(field, text, problems) ?? throw new SpotConnectValidationException(problems);
    }

    private static bool Bool(string text, string field)
    {
        var problems = new List<ValidationProblem>();
        return InputRules.ParseBool(field, text, problems) ?? throw new SpotConnectValidationException(problems);
    }
}
