namespace SpotConnect.Org;

/// <summary>An upper bound of SpotOrgStack's own template (see <see cref="OrgTemplateSize.OrgStack"/>).</summary>
/// <param name="CompactJsonBytes">As compact JSON (the synthesized template).</param>
/// <param name="CdkCliBytes">As the AWS CDK CLI measures it: the YAML it sends inline up to 51,200 bytes, or uploads; the structure at <see cref="OrgLimits.CdkCliYamlExpansion"/>, account-list items as YAML lines, inline member templates as the double-quoted scalars they stay.</param>
internal sealed record OrgStackBytes(long CompactJsonBytes, long CdkCliBytes);
