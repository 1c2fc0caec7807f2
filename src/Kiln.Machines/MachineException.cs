namespace Kiln.Machines;

/// <summary>A machine could not be prepared, started, stopped or captured; the message says why in the user's words.</summary>
public sealed class MachineException : Exception
{
    public MachineException()
    {
    }

    public MachineException(string message) : base(message)
    {
    }

    public MachineException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
