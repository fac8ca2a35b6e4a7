namespace SpotConnect.Org;

/// <summary>
/// The CloudFormation limits an organization rollout must keep (CloudFormation User Guide "quotas" and
/// "StackSets quotas", API reference CreateStackSet), and the names the member template's lookup uses.
/// </summary>
public static class OrgLimits
{
    /// <summary>Largest inline <c>TemplateBody</c> of a stack or a StackSet, in bytes.</summary>
    public const int InlineTemplateBytes = 51_200;

    /// <summary>Budget for a StackSet's member template given by <c>TemplateURL</c> (in S3), in bytes.</summary>
    public const int TemplateUrlBytes = 460_800;

    /// <summary>Largest template of a stack deployed from S3 (the bootstrapped admin account's SpotOrgStack), in bytes.</summary>
    public const int StackTemplateUrlBytes = 1_000_000;

    /// <summary>
    /// How much larger a stack template is as the AWS CDK CLI measures it than as compact JSON: the CLI serializes the
    /// template to YAML (one line per list item, indented) and compares that text with <see cref="InlineTemplateBytes"/>
    /// (and uploads it to S3 beyond). Measured with the CLI's own serializer (<c>tools/template-size</c>) at about 1.4 for
    /// policy-heavy templates and 1.2 for SpotOrgStack; the tests check that 1.5 is never exceeded.
    /// </summary>
    public const double CdkCliYamlExpansion = 1.5;

    /// <summary>The size the CDK CLI will measure for a template of <paramref name="compactJsonBytes"/> (an upper bound).</summary>
    public static long CdkCliTemplateSize(long compactJsonBytes) => (long)Math.Ceiling(compactJsonBytes * CdkCliYamlExpansion);

    /// <summary>StackSets per administrator account.</summary>
    public const int StackSetsPerAdministrator = 1_000;

    /// <summary>Outputs per template (SpotOrgStack has two per StackSet and <c>SpotRoleArn</c>).</summary>
    public const int OutputsPerTemplate = 200;

    /// <summary>Resources per template.</summary>
    public const int ResourcesPerTemplate = 500;

    /// <summary>Stack instances per StackSet.</summary>
    public const int InstancesPerStackSet = 100_000;

    /// <summary>Longest StackSet name.</summary>
    public const int StackSetNameMaxLength = 128;

    /// <summary>The member template's mapping (account id → external id). Mapping names are <c>[a-zA-Z0-9]</c>, at most 255 characters.</summary>
    public const string MappingName = "SpotExternalIds";

    /// <summary>The mapping's one second-level attribute (at most 200 per top-level key are allowed).</summary>
    public const string MappingAttribute = "ExternalId";
}
