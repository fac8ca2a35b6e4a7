using System.Text.Json.Serialization;

namespace SpotConnect.Org;

/// <summary>Whom the StackSets are managed as (CloudFormation's <c>CallAs</c>); written as CloudFormation spells it (<see cref="OrgCallAsText"/>).</summary>
[JsonConverter(typeof(OrgCallAsJsonConverter))]
public enum OrgCallAs
{
    /// <summary><c>SELF</c>: run from the organization's management account.</summary>
    Self,

    /// <summary><c>DELEGATED_ADMIN</c>: run from a delegated administrator account; the management account needs <c>spot-connect link</c>.</summary>
    DelegatedAdmin,
}
