namespace Kiln.Cimi.Wire;

/// <summary>A Job's attributes in the xsd's order (JobElements; its undocumented <c>status</c> is not written).</summary>
internal static class JobAttributes
{
    public static void Write(Job job, AttributeSink sink)
    {
        sink.Text("id", job.Id);
        sink.Text("name", job.Name);
        sink.Text("description", job.Description);
        sink.Date("created", job.Created);
        sink.Date("updated", job.Updated);
        sink.Properties(job.Properties);
        sink.Text("state", job.State is { } state ? CimiWireNames.Of(state) : null);
        sink.Ref("targetResource", job.TargetResource);
        sink.Refs("affectedResources", "affectedResource", job.AffectedResources);
        sink.Text("action", job.Action);
        sink.Integer("returnCode", job.ReturnCode);
        sink.Integer("progress", job.Progress);
        sink.Text("statusMessage", job.StatusMessage);
        sink.Date("timeOfStatusChange", job.TimeOfStatusChange);
        sink.Boolean("isCancellable", job.IsCancellable);
        sink.Ref("parentJob", job.ParentJob);
        sink.Refs("nestedJobs", "nestedJob", job.NestedJobs);
        sink.Operations(job.Operations);
    }
}
